package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.HashMap;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** 街道话语权: a department's evaluation of a property company is final only with the street's opinion attached. */
class PropertyEvaluationTest extends ApiTestSupport {

    static final String BASE = "/api/duty/property-evaluations";
    static final String WENYILU = "430102001";

    @Autowired
    Units units;

    @Autowired
    Territory territory;

    @Autowired
    org.hemei.identity.AccountAdministration accounts;

    long company(String divisionCode) {
        return units.create(new Units.UnitForm(unique("测试物业公司"), UnitKind.PROPERTY_COMPANY, null, divisionCode, null, null,
                true, null)).getId();
    }

    static Map<String, Object> form(long company) {
        Map<String, Object> f = new HashMap<>(Map.of("companyUnitId", company, "period", "2026年第三季度", "score", 82.5,
                "grade", "GOOD", "findings", "保洁到位，消防通道偶有占用"));
        return f;
    }

    JsonNode create(long company) throws Exception {
        return call(json(post(BASE), form(company)).with(as("department")), 201);
    }

    JsonNode submit(JsonNode e) throws Exception {
        return call(json(post(BASE + "/" + e.path("id").asLong() + "/submit"), Map.of("version", e.path("version").asInt()))
                .with(as("department")), 200);
    }

    @Test
    void finalOnlyWithTheStreetsOpinion() throws Exception {
        JsonNode draft = create(company(WENYILU + "001"));
        long id = draft.path("id").asLong();
        assertThat(draft.path("status").asString()).isEqualTo("DRAFT");
        assertThat(draft.path("streetCode").asString()).isEqualTo(WENYILU);
        assertThat(draft.path("departmentName").asString()).isEqualTo("长沙市城管局");

        // A draft: not final, and not yet the street's business.
        JsonNode early = call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", draft.path("version").asInt()))
                .with(as("department")), 422);
        assertApiError(early, 422);
        assertThat(early.path("message").asString()).contains("街道党工委意见");
        call(get(BASE + "/" + id).with(as("party")), 403);
        call(json(post(BASE + "/" + id + "/opinion"), Map.of("opinion", "AGREE", "text", "同意", "version", 0))
                .with(as("party")), 403);

        JsonNode submitted = submit(draft);
        assertThat(submitted.path("status").asString()).isEqualTo("SUBMITTED");
        int version = submitted.path("version").asInt();
        JsonNode refused = call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", version)).with(as("department")), 422);
        assertThat(refused.path("problems").get(0).path("rule").asString()).isEqualTo("NO_STREET_OPINION");
        assertThat(call(get(BASE + "/" + id).with(as("department")), 200).path("status").asString()).isEqualTo("SUBMITTED");

        // The street sees it waiting; the community and the department cannot speak for the street.
        assertThat(ids(call(get(BASE).param("awaiting", "true").param("size", "200").with(as("party")), 200))).contains(id);
        assertThat(ids(call(get(BASE).param("awaiting", "true").param("size", "200").with(as("street")), 200))).contains(id);
        assertThat(ids(call(get(BASE).param("size", "200").with(as("community")), 200))).doesNotContain(id);
        call(get(BASE + "/" + id).with(as("community")), 403);
        Map<String, Object> agree = new HashMap<>(Map.of("opinion", "DISAGREE", "text", "居民投诉较多，评分偏高", "version", version));
        call(json(post(BASE + "/" + id + "/opinion"), agree).with(as("department")), 403);
        call(json(post(BASE + "/" + id + "/opinion"), agree).with(as("community")), 403);
        call(json(post(BASE + "/" + id + "/opinion"), Map.of("opinion", "MAYBE", "text", "x", "version", version)).with(as("party")), 400);
        call(json(post(BASE + "/" + id + "/opinion"), Map.of("opinion", "AGREE", "version", version)).with(as("party")), 400);
        agree.put("version", version - 1);
        assertApiError(call(json(post(BASE + "/" + id + "/opinion"), agree).with(as("party")), 409), 409);

        agree.put("version", version);
        JsonNode opined = call(json(post(BASE + "/" + id + "/opinion"), agree).with(as("party")), 200);
        assertThat(opined.path("status").asString()).isEqualTo("OPINED");
        assertThat(opined.path("opinion").asString()).isEqualTo("DISAGREE");
        assertThat(opined.path("opinionBy").asString()).isEqualTo("party");
        JsonNode told = call(get("/api/casework/notifications").param("size", "200").with(as("department")), 200).path("items");
        assertThat(told).anyMatch(n -> n.path("link").asString().equals("/duty/evaluations/" + id)
                && n.path("message").asString().contains("不同意") && n.path("message").asString().contains("Disagree")
                && !n.path("message").asString().contains("DISAGREE"));
        call(json(post(BASE + "/" + id + "/opinion"), Map.of("opinion", "AGREE", "text", "改为同意", "version",
                opined.path("version").asInt())).with(as("street")), 409);

        // The street disagreed: the department must answer the opinion to finalize.
        int v = opined.path("version").asInt();
        JsonNode unanswered = call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", v)).with(as("department")), 422);
        assertThat(unanswered.path("problems").get(0).path("rule").asString()).isEqualTo("STREET_DISAGREED");
        call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", v, "response", "已下调至合格")).with(as("street")), 403);
        call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", v + 5, "response", "已下调至合格")).with(as("department")), 409);
        JsonNode fin = call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", v, "response", "已核实，等次下调为合格"))
                .with(as("department")), 200);
        assertThat(fin.path("status").asString()).isEqualTo("FINALIZED");
        assertThat(fin.path("response").asString()).contains("下调");
        assertThat(call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", fin.path("version").asInt())).with(as("department")),
                409).path("message").asString()).isEqualTo("评价已定稿（当前：已定稿）/ the evaluation is already final (status: Final)");
    }

    @Test
    void agreementNeedsNoResponseAndTheStreetOfficeMaySpeak() throws Exception {
        JsonNode e = submit(create(company(WENYILU)));
        long id = e.path("id").asLong();
        JsonNode opined = call(json(post(BASE + "/" + id + "/opinion"), Map.of("opinion", "AGREE", "text", "同意部门评价",
                "version", e.path("version").asInt())).with(as("street")), 200);
        assertThat(opined.path("opinionBy").asString()).isEqualTo("street");
        assertThat(call(json(post(BASE + "/" + id + "/finalize"), Map.of("version", opined.path("version").asInt()))
                .with(as("department")), 200).path("status").asString()).isEqualTo("FINALIZED");
    }

    @Test
    void badDraftsAreRefusedAndNothingIsWritten() throws Exception {
        long company = company(WENYILU + "001");
        long before = call(get(BASE).with(as("department")), 200).path("total").asLong();
        Map<String, Object> f = form(company);
        f.remove("score");
        f.remove("grade");
        assertThat(call(json(post(BASE), f).with(as("department")), 400).path("message").asString()).contains("score");
        f = form(company);
        f.put("score", 120);
        call(json(post(BASE), f).with(as("department")), 400);
        f = form(company);
        f.put("grade", "SUPER");
        assertThat(call(json(post(BASE), f).with(as("department")), 400).path("message").asString()).contains("EXCELLENT");
        f = form(company);
        f.put("findings", " ");
        call(json(post(BASE), f).with(as("department")), 400);
        f = form(company);
        f.remove("period");
        call(json(post(BASE), f).with(as("department")), 400);
        long department = units.search("长沙市城管局", UnitKind.DEPARTMENT, "430100", 0, 1).items().get(0).id();
        assertThat(call(json(post(BASE), form(department)).with(as("department")), 400).path("message").asString())
                .contains("property company");
        // A company registered at district level has no street to ask.
        call(json(post(BASE), form(company("430102"))).with(as("department")), 422);
        // Only department staff evaluate.
        call(json(post(BASE), form(company)).with(as("community")), 403);
        call(json(post(BASE), form(company)).with(as("party")), 403);
        assertThat(call(get(BASE).with(as("department")), 200).path("total").asLong()).isEqualTo(before);
    }

    @Test
    void aDistrictDepartmentEvaluatesOnlyInItsDistrict() throws Exception {
        long district = units.search("芙蓉区城管局", UnitKind.DEPARTMENT, "430102", 0, 1).items().get(0).id();
        String name = unique("furong").replace("-", "");
        var account = accounts.create(new org.hemei.identity.AccountAdministration.AccountForm(name, "芙蓉区城管局（测试）", "pw-" + name,
                java.util.Set.of(org.hemei.identity.Role.UNIT_STAFF), new org.hemei.identity.Scope(java.util.Set.of(),
                        java.util.Set.of(district)), true, null));
        String key = accounts.issueApiKey(account.getId(), "test");
        String elsewhere = territory.all(Level.STREET).stream().filter(d -> !d.code().startsWith("430102")).findFirst()
                .orElseThrow().code();
        JsonNode outside = call(json(post(BASE), form(company(elsewhere))).with(bearer(key)), 422);
        assertThat(outside.path("message").asString()).contains("territory");
        assertThat(call(json(post(BASE), form(company(WENYILU))).with(bearer(key)), 201).path("departmentName").asString())
                .isEqualTo("芙蓉区城管局");
    }

    @Test
    void draftsChangeWithTheirVersionOnly() throws Exception {
        JsonNode e = create(company(WENYILU + "001"));
        long id = e.path("id").asLong();
        Map<String, Object> f = form(e.path("companyUnitId").asLong());
        f.put("score", 70);
        f.put("version", e.path("version").asInt() + 1);
        assertApiError(call(json(put(BASE + "/" + id), f).with(as("department")), 409), 409);
        f.put("version", e.path("version").asInt());
        JsonNode changed = call(json(put(BASE + "/" + id), f).with(as("department")), 200);
        assertThat(changed.path("score").asDouble()).isEqualTo(70.0);
        call(json(post(BASE + "/" + id + "/submit"), Map.of("version", e.path("version").asInt())).with(as("department")), 409);
        JsonNode submitted = submit(changed);
        f.put("version", submitted.path("version").asInt());
        call(json(put(BASE + "/" + id), f).with(as("department")), 409);
        call(json(post(BASE + "/" + id + "/submit"), Map.of()).with(as("department")), 409);
    }

    @Test
    void aStreetSeesOnlyItsOwn() throws Exception {
        String otherStreet = territory.children("430102").stream().filter(d -> d.level() == Level.STREET)
                .filter(d -> !d.code().equals(WENYILU)).findFirst().orElseThrow().code();
        JsonNode e = submit(create(company(otherStreet)));
        long id = e.path("id").asLong();
        call(get(BASE + "/" + id).with(as("street")), 403);
        call(get(BASE + "/" + id).with(as("party")), 403);
        assertThat(ids(call(get(BASE).param("size", "200").with(as("party")), 200))).doesNotContain(id);
        call(json(post(BASE + "/" + id + "/opinion"), Map.of("opinion", "AGREE", "text", "同意", "version", e.path("version").asInt()))
                .with(as("party")), 403);
        assertThat(ids(call(get(BASE).param("awaiting", "true").param("size", "200").with(as("leader")), 200))).contains(id);
        call(get(BASE + "/" + id).with(as("admin")), 200);
    }

    @Test
    void theStreetIsToldWhenOneIsSubmittedAndTheDepartmentOfTheOpinion() throws Exception {
        long company = company(WENYILU + "001");
        String name = units.get(company).getName();
        JsonNode e = submit(create(company));
        assertThat(messages("party")).anyMatch(m -> m.contains(name) && m.contains("待街道党工委提出意见"));
        assertThat(messages("street")).anyMatch(m -> m.contains(name));
        assertThat(messages("community")).noneMatch(m -> m.contains(name));
        call(json(post(BASE + "/" + e.path("id").asLong() + "/opinion"), Map.of("opinion", "AGREE", "text", "同意",
                "version", e.path("version").asInt())).with(as("party")), 200);
        assertThat(messages("department")).anyMatch(m -> m.contains(name) && m.contains("同意"));
    }

    java.util.List<String> messages(String account) throws Exception {
        return texts(call(get("/api/casework/notifications").param("size", "200").with(as(account)), 200).path("items"), "message");
    }

    static java.util.List<Long> ids(JsonNode page) {
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (JsonNode n : page.path("items")) ids.add(n.path("id").asLong());
        return ids;
    }
}

package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The dispatch catalogue through its API. The database is shared with every other test, so each test works on its
 * own category and street of 望城区 (430112), which no other test routes in, and ends its rules afterwards.
 */
class DispatchCatalogueTest extends ApiTestSupport {

    static final String RULES = "/api/duty/dispatch-rules";

    long unitId(String name) throws Exception {
        JsonNode items = call(get("/api/organization/units").param("q", name).with(as("dispatcher")), 200).path("items");
        for (JsonNode u : items) if (u.path("name").asString().equals(name)) return u.path("id").asLong();
        throw new AssertionError("no demo unit " + name);
    }

    static Map<String, Object> rule(String category, String territoryCode, Object... more) {
        Map<String, Object> r = new HashMap<>();
        r.put("categoryCode", category);
        if (territoryCode != null) r.put("territoryCode", territoryCode);
        for (int i = 0; i < more.length; i += 2) r.put((String) more[i], more[i + 1]);
        return r;
    }

    JsonNode create(Map<String, Object> rule) throws Exception {
        return call(json(post(RULES), rule).with(as("dispatcher")), 201);
    }

    JsonNode end(JsonNode rule) throws Exception {
        JsonNode current = call(get(RULES + "/" + rule.path("id").asLong()).with(as("dispatcher")), 200);
        return call(json(post(RULES + "/" + current.path("id").asLong() + "/end"),
                Map.of("reason", "测试结束", "version", current.path("version").asInt())).with(as("dispatcher")), 200);
    }

    JsonNode explain(String category, String place, String... params) throws Exception {
        var request = get(RULES + "/explain").param("category", category).param("place", place).with(as("street"));
        for (int i = 0; i < params.length; i += 2) request.param(params[i], params[i + 1]);
        return call(request, 200);
    }

    static JsonNode candidate(JsonNode explanation, long ruleId) {
        for (JsonNode c : explanation.path("candidates")) if (c.path("ruleId").asLong() == ruleId) return c;
        throw new AssertionError("rule " + ruleId + " not among the candidates: " + explanation);
    }

    static long id(JsonNode rule) {
        return rule.path("id").asLong();
    }

    @Test
    void theSeedIsOneCityWideRulePerCategoryAndRoutesAsTheCategoryTableDid() throws Exception {
        JsonNode seeded = call(get(RULES).param("category", "WATER").param("seeded", "true").with(as("community")), 200);
        assertThat(seeded.path("total").asLong()).isEqualTo(1);
        JsonNode water = seeded.path("items").get(0);
        assertThat(water.path("territoryLevel").asString()).isEqualTo("CITY");
        assertThat(water.path("leadType").asString()).isEqualTo("SHUIWU");
        assertThat(water.path("effectiveFrom").asString()).isEqualTo("2025-01-01");
        JsonNode why = explain("WATER", "430112001001");
        assertThat(why.path("ruleId").asLong()).isEqualTo(id(water));
        assertThat(why.path("lead").path("name").asString()).isEqualTo("望城区水务局");
        assertThat(why.path("explanation").asString()).contains("派单目录规则 #" + id(water), "全市", "优先级 0", "2025-01-01", "dispatch rule #");
        JsonNode all = call(get(RULES).param("seeded", "true").param("size", "200").with(as("leader")), 200);
        assertThat(all.path("total").asLong()).isEqualTo(call(get("/api/casework/categories").with(as("leader")), 200).size());
        call(get(RULES).with(as("resident")), 403);
        call(get(RULES).param("status", "sometimes").with(as("street")), 400);
    }

    @Test
    void precedenceThenTheMoreSpecificTerritoryDecides() throws Exception {
        String place = "430112001001";
        long seed = explain("MARKET", place).path("ruleId").asLong();
        JsonNode district = create(rule("MARKET", "430112", "leadUnitId", unitId("长沙市文旅局"), "note", "示例：望城区由文旅局牵头"));
        JsonNode why = explain("MARKET", place);
        assertThat(why.path("ruleId").asLong()).isEqualTo(id(district));
        assertThat(candidate(why, seed).path("outcome").asString()).isEqualTo("LOST");
        assertThat(candidate(why, seed).path("reason").asString()).contains("更具体");

        JsonNode street = create(rule("MARKET", "430112001", "leadType", "STREET"));
        why = explain("MARKET", place);
        assertThat(why.path("ruleId").asLong()).isEqualTo(id(street));
        assertThat(why.path("lead").path("name").asString()).isEqualTo("高塘岭街道办事处");
        assertThat(candidate(why, id(district)).path("reason").asString()).contains("规则 #" + id(street), "更具体");
        assertThat(explain("MARKET", "430112003001").path("ruleId").asLong()).isEqualTo(id(district));

        JsonNode urgent = create(rule("MARKET", "430112", "leadUnitId", unitId("长沙市教育局"), "precedence", 5));
        why = explain("MARKET", place);
        assertThat(why.path("ruleId").asLong()).isEqualTo(id(urgent));
        assertThat(why.path("lead").path("name").asString()).isEqualTo("长沙市教育局");
        assertThat(candidate(why, id(street)).path("reason").asString()).contains("优先级 0 低于规则 #" + id(urgent));

        JsonNode ended = end(urgent);
        assertThat(ended.path("endReason").asString()).isEqualTo("测试结束");
        why = explain("MARKET", place);
        assertThat(why.path("ruleId").asLong()).isEqualTo(id(street));
        assertThat(candidate(why, id(urgent)).path("outcome").asString()).isEqualTo("NOT_APPLICABLE");
        assertThat(candidate(why, id(urgent)).path("reason").asString()).contains("不在有效期");
        end(street);
        end(district);
        assertThat(explain("MARKET", place).path("ruleId").asLong()).isEqualTo(seed);
        assertThat(call(get(RULES + "/" + id(urgent)).with(as("street")), 200).path("endedBy").asString()).isEqualTo("dispatcher");
    }

    @Test
    void levelsRankStreetOverDistrictOverCityAndNeedAPlaceKnownThatFar() throws Exception {
        // In 2090 only, so no order of today is routed by these city-wide level rules.
        Map<String, Object> dates = Map.of("effectiveFrom", "2090-01-01", "effectiveTo", "2090-12-31");
        Map<String, Object> d = rule("POLLUTION", null, "territoryLevel", "DISTRICT", "leadUnitId", unitId("长沙市文旅局"));
        d.putAll(dates);
        JsonNode district = create(d);
        Map<String, Object> s = rule("POLLUTION", null, "territoryLevel", "STREET", "leadType", "STREET");
        s.putAll(dates);
        JsonNode street = create(s);
        JsonNode why = explain("POLLUTION", "430112005001", "on", "2090-03-01");
        assertThat(why.path("ruleId").asLong()).isEqualTo(id(street));
        assertThat(why.path("lead").path("name").asString()).isEqualTo("大泽湖街道办事处");
        assertThat(candidate(why, id(district)).path("reason").asString()).contains("更具体");
        why = explain("POLLUTION", "430112", "on", "2090-03-01");
        assertThat(why.path("ruleId").asLong()).isEqualTo(id(district));
        assertThat(candidate(why, id(street)).path("reason").asString()).contains("不在适用区域");
        assertThat(explain("POLLUTION", "430112005001", "on", "2089-12-31").path("ruleId").asLong())
                .isNotIn(id(street), id(district));
        end(street);
        end(district);
    }

    @Test
    void effectiveDatesBoundARule() throws Exception {
        JsonNode future = create(rule("EDUCATION", "430112006", "leadUnitId", unitId("长沙市文旅局"),
                "effectiveFrom", "2090-01-01", "effectiveTo", "2090-06-30"));
        long seed = explain("EDUCATION", "430112006001", "on", "2089-12-31").path("ruleId").asLong();
        assertThat(seed).isNotEqualTo(id(future));
        assertThat(candidate(explain("EDUCATION", "430112006001", "on", "2089-12-31"), id(future)).path("reason").asString())
                .contains("不在有效期", "2090-01-01");
        assertThat(explain("EDUCATION", "430112006001", "on", "2090-01-01").path("ruleId").asLong()).isEqualTo(id(future));
        assertThat(explain("EDUCATION", "430112006001", "on", "2090-06-30").path("ruleId").asLong()).isEqualTo(id(future));
        assertThat(explain("EDUCATION", "430112006001", "on", "2090-07-01").path("ruleId").asLong()).isEqualTo(seed);
        assertThat(texts(call(get(RULES).param("category", "EDUCATION").param("status", "future").with(as("street")), 200)
                .path("items"), "effectiveFrom")).contains("2090-01-01");

        JsonNode bad = call(json(post(RULES), rule("EDUCATION", "430112006", "leadType", "STREET", "effectiveFrom", "2090-02-01",
                "effectiveTo", "2090-01-01")).with(as("dispatcher")), 400);
        assertThat(bad.path("message").asString()).contains("effectiveTo");
        call(get(RULES + "/explain").param("category", "EDUCATION").param("place", "430112006").param("on", "tomorrow")
                .with(as("street")), 400);
        JsonNode cancelled = end(future);
        assertThat(cancelled.path("effectiveTo").asString()).isEqualTo("2089-12-31");
        assertThat(explain("EDUCATION", "430112006001", "on", "2090-01-01").path("ruleId").asLong()).isEqualTo(seed);
    }

    @Test
    void conditionsOnUrgencyAndChannel() throws Exception {
        String place = "430112005002";
        JsonNode imported = create(rule("TRAFFIC", "430112005", "channel", "IMPORT", "leadUnitId", unitId("长沙市文旅局")));
        JsonNode urgent = create(rule("TRAFFIC", "430112005", "urgency", "urgent", "leadUnitId", unitId("长沙市卫健局")));
        assertThat(urgent.path("urgency").asString()).isEqualTo("URGENT");
        JsonNode hotline = explain("TRAFFIC", place, "channel", "HOTLINE");
        assertThat(hotline.path("ruleId").asLong()).isNotIn(id(imported), id(urgent));
        assertThat(hotline.path("lead").path("name").asString()).isEqualTo("长沙市交通运输局");
        assertThat(candidate(hotline, id(imported)).path("reason").asString()).contains("条件不符", "IMPORT");
        assertThat(explain("TRAFFIC", place, "channel", "IMPORT").path("lead").path("name").asString()).isEqualTo("长沙市文旅局");
        assertThat(explain("TRAFFIC", place, "urgency", "URGENT").path("lead").path("name").asString()).isEqualTo("长沙市卫健局");
        assertThat(explain("TRAFFIC", place).path("ruleId").asLong()).isNotIn(id(imported), id(urgent));
        assertThat(call(json(post(RULES), rule("TRAFFIC", "430112005", "channel", "FAX", "leadType", "STREET"))
                .with(as("dispatcher")), 400).path("message").asString()).contains("channel");
        call(get(RULES + "/explain").param("category", "TRAFFIC").param("place", place).param("urgency", "VERY")
                .with(as("street")), 400);
        end(imported);
        end(urgent);
    }

    @Test
    void whereNoRuleFindsAUnitTheStreetOfThePlaceLeads() throws Exception {
        // The seeded NEIGHBOURS rule names the community, which a place known only to its street does not have.
        JsonNode route = call(get("/api/casework/routing").param("category", "NEIGHBOURS").param("division", "430112007")
                .with(as("dispatcher")), 200);
        assertThat(route.path("leadUnitName").asString()).isEqualTo("白沙洲街道办事处");
        assertThat(route.path("explanation").asString()).contains("属地兜底", "no dispatch rule applies");
        JsonNode why = explain("NEIGHBOURS", "430112007");
        assertThat(why.path("fallback").asBoolean()).isTrue();
        assertThat(why.path("lead").path("name").asString()).isEqualTo("白沙洲街道办事处");
        assertThat(why.path("explanation").asString()).contains("属地兜底");
        assertThat(why.path("candidates").get(0).path("reason").asString()).contains("不存在");
        JsonNode before = explain("WATER", "430112007001", "on", "2024-12-31");
        assertThat(before.path("fallback").asBoolean()).isTrue();
        assertThat(before.path("explanation").asString()).contains("属地兜底");
        call(get(RULES + "/explain").param("category", "WATER").param("place", "999999").with(as("street")), 400);
        call(get(RULES + "/explain").param("category", "NOPE").param("place", "430112007").with(as("street")), 400);
    }

    @Test
    void theCheckFindsCategoriesWithoutRulesMissingUnitsAndTies() throws Exception {
        JsonNode past = create(rule("SOCIAL_AID", "430112011", "leadType", "MINZHENG", "effectiveFrom", "2024-01-01",
                "effectiveTo", "2024-12-31"));
        JsonNode then = call(get(RULES + "/check").param("on", "2024-06-01").with(as("leader")), 200);
        List<String> noRule = categoriesOf(then, "NO_RULE");
        assertThat(noRule).contains("WATER", "NOISE", "SOCIAL_AID");
        assertThat(finding(then, "NO_RULE", "WATER").path("message").asString()).contains("没有生效的派单规则", "属地兜底");
        assertThat(finding(then, "NO_RULE", "SOCIAL_AID").path("message").asString()).contains("只在部分区域", "属地兜底");
        assertThat(categoriesOf(call(get(RULES + "/check").with(as("leader")), 200), "NO_RULE")).doesNotContain("WATER");

        JsonNode unit = call(json(post("/api/organization/units"), Map.of("name", unique("望城区示例专班"), "kind", "DEPARTMENT",
                "departmentType", "WENLV", "divisionCode", "430112")).with(as("admin")), 201);
        JsonNode pointing = create(rule("HEALTH", "430112009", "leadUnitId", unit.path("id").asLong()));
        call(json(put("/api/organization/units/" + unit.path("id").asLong()), Map.of("name", unit.path("name").asString(),
                "kind", "DEPARTMENT", "departmentType", "WENLV", "divisionCode", "430112", "active", false,
                "version", unit.path("version").asInt())).with(as("admin")), 200);
        JsonNode tieA = create(rule("HEALTH", "430112008", "leadType", "STREET"));
        JsonNode tieB = create(rule("HEALTH", "430112008", "leadType", "WEIJIAN"));
        JsonNode now = call(get(RULES + "/check").with(as("street")), 200);
        assertThat(finding(now, "MISSING_UNIT", id(pointing)).path("message").asString()).contains(unit.path("id").asString(), "停用");
        assertThat(finding(now, "AMBIGUOUS_TIE", id(tieB)).path("message").asString()).contains("#" + id(tieA), "#" + id(tieB));
        JsonNode why = explain("HEALTH", "430112009001");
        assertThat(candidate(why, id(pointing)).path("reason").asString()).contains("不存在");
        assertThat(why.path("lead").path("name").asString()).isEqualTo("长沙市卫健局");
        JsonNode tie = explain("HEALTH", "430112008001"); // same day too: the lower id, and the loser says so
        assertThat(tie.path("ruleId").asLong()).isEqualTo(id(tieA));
        assertThat(candidate(tie, id(tieB)).path("reason").asString()).contains("完全并列", "#" + id(tieA));
        end(pointing);
        end(tieA);
        end(tieB);
        JsonNode after = call(get(RULES + "/check").with(as("street")), 200);
        assertThat(after.findValues("ruleId").stream().map(JsonNode::asLong).toList()).doesNotContain(id(pointing), id(tieB));
        assertThat(id(past)).isPositive();
    }

    @Test
    void onlyTheCentreEditsAndAStaleEditIsRefused() throws Exception {
        Map<String, Object> form = rule("ROAD", "430112012", "leadType", "STREET", "note", "铜官街道道路由街道负责（示例）");
        for (String who : List.of("street", "department", "community", "leader", "grid")) {
            call(json(post(RULES), form).with(as(who)), 403);
        }
        // A dispatcher acting for one district is not the 12345 centre.
        JsonNode account = call(json(post("/api/identity/accounts"), Map.of("username", unique("wc.dispatcher"), "displayName",
                "望城区派单员（测试）", "password", "s3cret!", "roles", List.of("DISPATCHER"), "divisions", List.of("430112")))
                .with(as("admin")), 201);
        String key = call(json(post("/api/identity/accounts/" + account.path("id").asLong() + "/api-keys"), Map.of("label", "t"))
                .with(as("admin")), 201).path("apiKey").asString();
        assertApiError(call(json(post(RULES), form).with(bearer(key)), 403), 403);
        call(get(RULES).param("category", "ROAD").with(bearer(key)), 200);
        JsonNode created = call(json(post(RULES), form).with(as("admin")), 201);
        assertThat(created.path("seeded").asBoolean()).isFalse();
        assertThat(created.path("createdBy").asString()).isEqualTo("admin");
        int version = created.path("version").asInt();
        Map<String, Object> edit = new HashMap<>(form);
        edit.put("precedence", 3);
        edit.put("version", version);
        JsonNode edited = call(json(put(RULES + "/" + id(created)), edit).with(as("dispatcher")), 200);
        assertThat(edited.path("precedence").asInt()).isEqualTo(3);
        assertThat(edited.path("version").asInt()).isEqualTo(version + 1);
        edit.put("precedence", 7);
        assertApiError(call(json(put(RULES + "/" + id(created)), edit).with(as("dispatcher")), 409), 409);
        call(json(put(RULES + "/" + id(created)), edit).with(as("street")), 403);
        assertThat(call(get(RULES + "/" + id(created)).with(as("grid")), 200).path("precedence").asInt()).isEqualTo(3);

        assertApiError(call(json(post(RULES + "/" + id(created) + "/end"), Map.of("version", version + 1))
                .with(as("dispatcher")), 400), 400);
        assertApiError(call(json(post(RULES + "/" + id(created) + "/end"), Map.of("reason", "x", "version", version))
                .with(as("dispatcher")), 409), 409);
        JsonNode ended = call(json(post(RULES + "/" + id(created) + "/end"), Map.of("reason", "并入区级规则", "version", version + 1))
                .with(as("dispatcher")), 200);
        assertThat(ended.path("effectiveTo").asString()).isNotBlank();
        edit.put("version", ended.path("version").asInt());
        assertThat(call(json(put(RULES + "/" + id(created)), edit).with(as("dispatcher")), 409).path("message").asString())
                .contains("已终止");
        call(json(post(RULES + "/" + id(created) + "/end"), Map.of("reason", "again", "version", ended.path("version").asInt()))
                .with(as("dispatcher")), 409);
        JsonNode audit = call(get("/api/identity/audit").param("q", "dispatch-rule:" + id(created)).with(as("admin")), 200);
        assertThat(texts(audit.path("items"), "action"))
                .contains("DISPATCH_RULE_CREATED", "DISPATCH_RULE_CHANGED", "DISPATCH_RULE_ENDED");
    }

    @Test
    void badInputIsRefusedWithAReasonAndNothingIsCreated() throws Exception {
        long before = call(get(RULES).param("category", "LAND").with(as("street")), 200).path("total").asLong();
        List<Map<String, Object>> bad = List.of(
                rule("NOPE", "430112013", "leadType", "STREET"),
                rule("LAND", null, "leadType", "STREET"),
                rule("LAND", "430112013", "territoryLevel", "CITY", "leadType", "STREET"),
                rule("LAND", null, "territoryLevel", "PROVINCE", "leadType", "STREET"),
                rule("LAND", "110101", "leadType", "STREET"),
                rule("LAND", "430112013"),
                rule("LAND", "430112013", "leadType", "POLICE"),
                rule("LAND", "430112013", "leadType", "STREET", "leadUnitId", 1),
                rule("LAND", "430112013", "leadUnitId", 987654321),
                rule("LAND", "430112013", "leadType", "STREET", "assistingTypes", List.of("NOBODY")),
                rule("LAND", "430112013", "leadType", "STREET", "precedence", 5000));
        for (Map<String, Object> r : bad) {
            assertApiError(call(json(post(RULES), r).with(as("dispatcher")), 400), 400);
        }
        assertThat(call(get(RULES).param("category", "LAND").with(as("street")), 200).path("total").asLong()).isEqualTo(before);
    }

    @Test
    void anOrderReceivedThroughCaseworkIsRoutedByACatalogueRule() throws Exception {
        long lead = unitId("长沙市文旅局");
        JsonNode r = create(rule("WAGES", "430112003", "leadUnitId", lead, "assistingTypes", List.of("STREET"),
                "note", "示例：丁字湾街道欠薪由专班牵头"));
        JsonNode order = call(json(post("/api/casework/orders"), Map.of("title", unique("欠薪"), "text", "工地拖欠三个月工资",
                "divisionCode", "430112003001", "requesterName", "李四", "requesterPhone", "13900001111")).with(as("dispatcher")), 201);
        long orderId = order.path("id").asLong();
        call(json(post("/api/casework/orders/" + orderId + "/register"), Map.of("category", "WAGES")).with(as("dispatcher")), 200);
        JsonNode dispatched = call(json(post("/api/casework/orders/" + orderId + "/dispatch"), Map.of()).with(as("dispatcher")), 200);
        assertThat(dispatched.path("leadUnit").path("id").asLong()).isEqualTo(lead);
        assertThat(texts(dispatched.path("assistingUnits"), "name")).contains("丁字湾街道办事处");
        assertThat(texts(dispatched.path("timeline"), "note")).anyMatch(n -> n != null && n.contains("派单目录规则 #" + id(r)));
        end(r);
        JsonNode route = call(get("/api/casework/routing").param("category", "WAGES").param("division", "430112003001")
                .with(as("dispatcher")), 200);
        assertThat(route.path("leadUnitId").asLong()).isNotEqualTo(lead);
    }

    String page(org.springframework.mock.web.MockHttpSession session, String url) throws Exception {
        var res = mvc.perform(get(url).session(session)).andReturn().getResponse();
        assertThat(res.getStatus()).isEqualTo(200);
        return res.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void theCentreEditsOnThePageAndEveryoneOnStaffReadsAndAsks() throws Exception {
        var csrf = org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf();
        var street = signIn("street");
        String read = page(street, "/duty/dispatch?category=WATER&explainCategory=WATER&place=430112013001");
        assertThat(read).contains("派单目录", "供水问题", "目录检查", "望城区水务局", "选中").doesNotContain("id=\"dispatch-form\"");
        String why = read.substring(read.indexOf("id=\"dispatch-explanation\""));
        assertThat(why.substring(0, why.indexOf("</p>"))).contains("由望城区水务局主办").doesNotContain("is led by"); // the page's language
        assertThat(page(street, "/")).contains("/duty/dispatch");
        assertThat(mvc.perform(post("/duty/dispatch/rules").session(street).with(csrf).param("categoryCode", "ROAD")
                .param("territory", "430112013").param("lead", "STREET")).andReturn().getResponse().getStatus()).isEqualTo(403);

        var centre = signIn("dispatcher");
        assertThat(page(centre, "/duty/dispatch")).contains("id=\"dispatch-form\"", "新增规则");
        var refused = mvc.perform(post("/duty/dispatch/rules").session(centre).with(csrf).param("categoryCode", "NOISE")
                .param("territory", "430112013").param("lead", "COMMUNITY")).andReturn().getResponse();
        assertThat(refused.getStatus()).isEqualTo(200);
        assertThat(refused.getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("不得将部门职责事项下沉给社区");
        var saved = mvc.perform(post("/duty/dispatch/rules").session(centre).with(csrf).param("categoryCode", "ROAD")
                .param("territory", "430112013").param("lead", "STREET").param("assisting", "CHENGGUAN, ZHUJIAN")
                .param("precedence", "2").param("note", "雷锋街道道路（页面示例）")).andReturn().getResponse();
        assertThat(saved.getStatus()).isEqualTo(302);
        JsonNode created = call(get(RULES).param("category", "ROAD").param("territory", "430112013").with(as("dispatcher")), 200)
                .path("items").get(0);
        assertThat(created.path("assistingTypes").toString()).contains("CHENGGUAN", "ZHUJIAN");
        String edit = page(centre, "/duty/dispatch?category=ROAD&edit=" + id(created));
        assertThat(edit).contains("修改规则 #" + id(created), "雷锋街道道路（页面示例）", "终止规则");
        // the table names the types as people read them; the codes are for typing
        assertThat(edit).contains("<td>属地街道</td>", "<td>城管部门、住建部门</td>").doesNotContain("<td>CHENGGUAN");
        var ended = mvc.perform(post("/duty/dispatch/rules/" + id(created) + "/end").session(centre).with(csrf)
                .param("reason", "页面测试结束").param("version", created.path("version").asString())).andReturn().getResponse();
        assertThat(ended.getStatus()).isEqualTo(302);
        assertThat(call(get(RULES + "/" + id(created)).with(as("street")), 200).path("endReason").asString()).isEqualTo("页面测试结束");
    }

    static List<String> categoriesOf(JsonNode findings, String kind) {
        List<String> out = new java.util.ArrayList<>();
        for (JsonNode f : findings) if (f.path("kind").asString().equals(kind)) out.add(f.path("categoryCode").asString());
        return out;
    }

    static JsonNode finding(JsonNode findings, String kind, String category) {
        for (JsonNode f : findings) {
            if (f.path("kind").asString().equals(kind) && f.path("categoryCode").asString().equals(category)) return f;
        }
        throw new AssertionError("no " + kind + " finding for " + category + " in " + findings);
    }

    static JsonNode finding(JsonNode findings, String kind, long ruleId) {
        for (JsonNode f : findings) {
            if (f.path("kind").asString().equals(kind) && f.path("ruleId").asLong() == ruleId) return f;
        }
        throw new AssertionError("no " + kind + " finding for rule " + ruleId + " in " + findings);
    }
}

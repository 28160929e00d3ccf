package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;

/**
 * The measures, on a unit only this test uses: a fresh district department with its own staff account, so the
 * figures are exact although other tests write to the same database.
 */
class KpiApiTest extends ApiTestSupport {

    static final String ORDERS = "/api/casework/orders";
    static final String KPIS = "/api/casework/kpis";
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @Autowired
    JdbcClient jdbc;

    long unit;
    RequestPostProcessor unitStaff;

    @BeforeEach
    void freshUnitWithItsOwnStaff() throws Exception {
        unit = call(json(post("/api/organization/units").with(as("dispatcher")), Map.of("name", unique("芙蓉区文旅局考核测试"),
                "kind", "DEPARTMENT", "departmentType", "WENLV", "divisionCode", "430102")), 201).path("id").asLong();
        String username = unique("kpi").replace("-", "");
        long account = call(json(post("/api/identity/accounts").with(as("admin")), Map.of("username", username,
                "displayName", "考核测试", "password", "secret-1", "roles", List.of("UNIT_STAFF"), "units", List.of(unit))), 201)
                .path("id").asLong();
        String key = call(json(post("/api/identity/accounts/" + account + "/api-keys").with(as("admin")), Map.of()), 201)
                .path("apiKey").asString();
        unitStaff = bearer(key);
    }

    long registered(String category) throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        Map<String, Object> demand = new HashMap<>(Map.of("title", unique("考核"), "text", "测试工单", "lat", p.lat(), "lng", p.lng()));
        long id = call(json(post(ORDERS).with(as("resident")), demand), 201).path("id").asLong();
        act(id, "register", as("dispatcher"), Map.of("category", category));
        return id;
    }

    long dispatchedToUnit(String category) throws Exception {
        long id = registered(category);
        act(id, "dispatch", as("dispatcher"), Map.of("leadUnitId", unit));
        return id;
    }

    JsonNode act(long id, String action, RequestPostProcessor who, Map<String, Object> body) throws Exception {
        return call(json(post(ORDERS + "/" + id + "/" + action).with(who), body), 200);
    }

    /** Moves a deadline into the past, as if the unit had waited too long. */
    void deadlinePassed(long id, String column) {
        jdbc.sql("update work_order set " + column + " = ? where id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(1), id).update();
    }

    /** Yesterday to today, so a test running across midnight in Shanghai still sees all its events. */
    MockHttpServletRequestBuilder kpis() {
        LocalDate today = LocalDate.now(SHANGHAI);
        return get(KPIS).param("from", today.minusDays(1).toString()).param("to", today.toString());
    }

    @Test
    void theUnitsFiguresFollowItsOrdersTimelines() throws Exception {
        // A: verified and failed once (rework), handled again, resolved and satisfied.
        long a = dispatchedToUnit("SANITATION");
        act(a, "sign", unitStaff, Map.of());
        act(a, "handle", unitStaff, Map.of("note", "已清运"));
        act(a, "verify", as("dispatcher"), Map.of("passed", false, "note", "仍有垃圾"));
        act(a, "handle", unitStaff, Map.of("note", "已彻底清运"));
        act(a, "verify", as("dispatcher"), Map.of("passed", true));
        act(a, "follow-up", as("dispatcher"), Map.of("resolved", true, "satisfaction", "SATISFIED"));
        // B: not resolved at the first follow-up, reopened (rework), then resolved.
        long b = dispatchedToUnit("NOISE");
        act(b, "sign", unitStaff, Map.of());
        act(b, "handle", unitStaff, Map.of("note", "已劝导"));
        act(b, "follow-up", as("dispatcher"), Map.of("resolved", false, "satisfaction", "DISSATISFIED"));
        act(b, "reopen", as("dispatcher"), Map.of("note", "重新办理"));
        act(b, "handle", unitStaff, Map.of("note", "已处罚"));
        act(b, "follow-up", as("resident"), Map.of("resolved", true, "satisfaction", "SATISFIED"));
        // C: wrongly sent — returned, accepted, re-dispatched to the street office: an inaccurate dispatch for the unit.
        long c = dispatchedToUnit("NOISE");
        act(c, "return", unitStaff, Map.of("reason", "不属于文旅职责"));
        long street = call(get("/api/organization/units").param("q", "文艺路街道办事处").with(as("dispatcher")), 200)
                .path("items").get(0).path("id").asLong();
        act(c, "return-review", as("dispatcher"), Map.of("accept", true, "leadUnitId", street));
        // D: a return refused; then signed and handled late; resolved, basically satisfied.
        long d = dispatchedToUnit("NOISE");
        act(d, "return", unitStaff, Map.of("reason", "请核实"));
        act(d, "return-review", as("dispatcher"), Map.of("accept", false, "note", "属本单位"));
        deadlinePassed(d, "sign_due_at");
        assertThat(act(d, "sign", unitStaff, Map.of()).path("timeline")).anySatisfy(e -> {
            assertThat(e.path("action").asString()).isEqualTo("SIGN");
            assertThat(e.path("note").asString()).isEqualTo("overdue");
        });
        deadlinePassed(d, "handle_due_at");
        act(d, "handle", unitStaff, Map.of("note", "已办理"));
        act(d, "follow-up", as("dispatcher"), Map.of("resolved", true, "satisfaction", "BASICALLY_SATISFIED"));
        // E: registered, never dispatched: not the unit's.
        registered("NOISE");

        JsonNode k = call(kpis().param("unit", String.valueOf(unit)).with(as("dispatcher")), 200);
        assertThat(k.path("subject").path("kind").asString()).isEqualTo("UNIT");
        assertThat(k.path("subject").path("unitId").asLong()).isEqualTo(unit);
        assertThat(k.path("timeZone").asString()).isEqualTo("Asia/Shanghai");
        assertThat(k.path("days")).hasSize(2);
        JsonNode t = k.path("total");
        assertThat(t.path("received").asLong()).as("RECEIVE of the orders it leads: a, b, d").isEqualTo(3);
        assertThat(t.path("closedAtIntake").asLong()).isZero();
        assertThat(t.path("dispatched").asLong()).as("a, b, c, d").isEqualTo(4);
        assertThat(t.path("signed").asLong()).isEqualTo(3);
        assertThat(t.path("signedOnTime").asLong()).isEqualTo(2);
        assertThat(t.path("signedOnTimeRate").asDouble()).isEqualTo(0.6667);
        assertThat(t.path("handled").asLong()).as("a twice, b twice, d").isEqualTo(5);
        assertThat(t.path("handledOnTime").asLong()).isEqualTo(4);
        assertThat(t.path("handledOnTimeRate").asDouble()).isEqualTo(0.8);
        assertThat(t.path("followUps").asLong()).isEqualTo(4);
        assertThat(t.path("resolved").asLong()).isEqualTo(3);
        assertThat(t.path("resolutionRate").asDouble()).isEqualTo(0.75);
        assertThat(t.path("satisfied").asLong()).isEqualTo(3);
        assertThat(t.path("satisfactionRate").asDouble()).isEqualTo(0.75);
        assertThat(t.path("reworks").asLong()).isEqualTo(2);
        assertThat(t.path("reworkRate").asDouble()).isEqualTo(0.4);
        assertThat(t.path("returnRequests").asLong()).isEqualTo(2);
        assertThat(t.path("returnRate").asDouble()).isEqualTo(0.5);
        assertThat(t.path("dispatchesReturned").asLong()).isEqualTo(1);
        assertThat(t.path("dispatchesCorrected").asLong()).as("the routing suggests no 文旅 unit for these").isEqualTo(4);
        assertThat(t.path("accurateDispatchRate").asDouble()).isEqualTo(0.75);
        assertThat(t.path("whistleReportsOnTimeRate").isNull()).isTrue();
        // The days add up to the total.
        long received = 0;
        for (JsonNode day : k.path("days")) received += day.path("received").asLong();
        assertThat(received).isEqualTo(3);

        // The unit's own staff see the same, for their unit and (no parameter) for their whole scope.
        assertThat(call(kpis().param("unit", String.valueOf(unit)).with(unitStaff), 200).path("total")).isEqualTo(t);
        JsonNode own = call(kpis().with(unitStaff), 200);
        assertThat(own.path("subject").path("kind").asString()).isEqualTo("SCOPE");
        assertThat(own.path("total")).isEqualTo(t);

        // The street office got order c by re-dispatch.
        JsonNode streetTotal = call(kpis().param("unit", String.valueOf(street)).with(as("street")), 200).path("total");
        assertThat(streetTotal.path("dispatched").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void nothingToMeasureGivesNullRatesAndEveryDayOfTheRange() throws Exception {
        JsonNode k = call(get(KPIS).param("unit", String.valueOf(unit)).param("from", "2025-01-01").param("to", "2025-01-31")
                .with(unitStaff), 200);
        assertThat(k.path("days")).hasSize(31);
        assertThat(k.path("days").get(0).path("day").asString()).isEqualTo("2025-01-01");
        assertThat(k.path("days").get(30).path("day").asString()).isEqualTo("2025-01-31");
        JsonNode t = k.path("total");
        assertThat(t.path("received").asLong()).isZero();
        for (String rate : List.of("signedOnTimeRate", "handledOnTimeRate", "resolutionRate", "satisfactionRate", "reworkRate",
                "returnRate", "accurateDispatchRate", "whistleReportsOnTimeRate")) {
            assertThat(t.path(rate).isNull()).as(rate).isTrue();
        }
        JsonNode byDefault = call(get(KPIS).with(as("leader")), 200);
        assertThat(byDefault.path("subject").path("kind").asString()).isEqualTo("CITY");
        assertThat(byDefault.path("days")).hasSize(30);
        assertThat(byDefault.path("to").asString()).isEqualTo(LocalDate.now(SHANGHAI).toString());
    }

    @Test
    void hotIssuesRankCategoriesByDemandsReceivedBesideThePeriodBefore() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        var hot = get(KPIS + "/hot").param("division", "430102001001").param("from", today.minusDays(1).toString())
                .param("to", today.toString());
        long[] before = noise(call(hot.with(as("community")), 200));
        registered("NOISE");
        registered("NOISE");
        long earlier = registered("NOISE"); // received three days ago: in the two days before the range
        jdbc.sql("update work_order_event set at = ? where work_order_id = ? and action = 'RECEIVE'")
                .params(java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusDays(3), earlier).update();
        JsonNode after = call(hot.with(as("community")), 200);
        assertThat(noise(after)).containsExactly(before[0] + 2, before[1] + 1);
        for (int i = 1; i < after.size(); i++) { // most received first
            assertThat(after.get(i).path("received").asLong()).isLessThanOrEqualTo(after.get(i - 1).path("received").asLong());
        }
        assertThat(page(signIn("leader"), "/casework/kpis", "division", "识字里")).contains("id=\"kpi-hot\"", "噪声扰民", "民生热点");
        call(get(KPIS + "/hot").with(as("resident")), 403);
        assertApiError(call(get(KPIS + "/hot").param("from", "昨天").with(as("leader")), 400), 400);
    }

    /** NOISE's {received, previous} in a hot-issues answer (zeros when absent). */
    private static long[] noise(JsonNode hot) {
        for (JsonNode h : hot) {
            if (h.path("category").asString().equals("NOISE")) return new long[] { h.path("received").asLong(), h.path("previous").asLong() };
        }
        return new long[] { 0, 0 };
    }

    @Test
    void aTerritoryCountsTheOrdersInsideIt() throws Exception {
        long before = call(kpis().param("division", "430102001001").with(as("community")), 200).path("total").path("received").asLong();
        registered("NOISE");
        registered("NOISE");
        JsonNode k = call(kpis().param("division", "430102001001").with(as("community")), 200);
        assertThat(k.path("subject").path("kind").asString()).isEqualTo("DIVISION");
        assertThat(k.path("subject").path("divisionName").asString()).isNotBlank();
        assertThat(k.path("total").path("received").asLong()).isGreaterThanOrEqualTo(before + 2);
        // The street covers the community; the city covers everything.
        assertThat(call(kpis().param("division", "430102001").with(as("street")), 200).path("total").path("received").asLong())
                .isGreaterThanOrEqualTo(before + 2);
        assertThat(call(kpis().with(as("dispatcher")), 200).path("total").path("received").asLong())
                .isGreaterThanOrEqualTo(before + 2);
        // Consultations answered at intake count as received and as closed at intake.
        JsonNode city = call(kpis().with(as("dispatcher")), 200).path("total");
        call(json(post(ORDERS).with(as("dispatcher")), Map.of("text", "咨询公租房申请条件", "category", "CONSULT", "answer", "已告知")), 201);
        JsonNode after = call(kpis().with(as("dispatcher")), 200).path("total");
        assertThat(after.path("received").asLong()).isGreaterThanOrEqualTo(city.path("received").asLong() + 1);
        assertThat(after.path("closedAtIntake").asLong()).isGreaterThanOrEqualTo(city.path("closedAtIntake").asLong() + 1);
    }

    @Test
    void aTerritorysPlacesStandSideBySideAndThePageRanksThem() throws Exception {
        JsonNode before = call(get(KPIS + "/breakdown").param("division", "430102001").with(as("street")), 200);
        registered("NOISE");
        registered("NOISE");
        JsonNode after = call(get(KPIS + "/breakdown").param("division", "430102001").with(as("street")), 200);
        List<String> codes = texts(after, "code");
        assertThat(codes).hasSizeGreaterThan(1).allMatch(c -> c.startsWith("430102001") && c.length() == 12).isSorted();
        assertThat(received(after, "430102001001")).isEqualTo(received(before, "430102001001") + 2);
        assertThat(received(after, "430102001002")).isEqualTo(received(before, "430102001002"));
        JsonNode city = call(get(KPIS + "/breakdown").with(as("leader")), 200);
        assertThat(texts(city, "code")).contains("430102", "430104").allMatch(c -> c.length() == 6);
        assertThat(call(get(KPIS + "/breakdown").param("division", "430102001001").with(as("community")), 200)).isEmpty(); // nothing below
        assertApiError(call(get(KPIS + "/breakdown").param("division", "430103").with(as("street")), 403), 403);
        assertApiError(call(get(KPIS + "/breakdown").with(as("resident")), 403), 403);

        String page = page(signIn("leader"), "/casework/kpis", "by", "received");
        String places = page.substring(page.indexOf("id=\"kpi-places\""));
        assertThat(places.substring(places.indexOf("<tbody>"))).startsWith("<tbody>\n          <tr>\n            <th><a href=\"/casework/kpis?division=430102");
        assertThat(places).contains("aria-sort=\"descending\" class=\"active\">受理</a>");
    }

    private static long received(JsonNode places, String code) {
        for (JsonNode p : places) if (p.path("code").asString().equals(code)) return p.path("total").path("received").asLong();
        throw new AssertionError("no " + code + " in " + places);
    }

    @Test
    void outsideTheCallersScopeIs403() throws Exception {
        assertApiError(call(get(KPIS).param("unit", String.valueOf(unit)).with(as("street")), 403), 403);
        assertApiError(call(get(KPIS).param("unit", String.valueOf(unit)).with(as("department")), 403), 403);
        assertApiError(call(get(KPIS).param("division", "430103").with(as("street")), 403), 403);
        assertApiError(call(get(KPIS).param("division", "430102001002").with(as("community")), 403), 403);
        assertApiError(call(get(KPIS).param("unit", "999999999").with(as("street")), 403), 403);
        assertApiError(call(get(KPIS).with(as("grid")), 403), 403);
        assertApiError(call(get(KPIS).with(as("party")), 403), 403);
        assertApiError(call(get(KPIS).with(as("resident")), 403), 403);
        assertApiError(call(get(KPIS).param("from", "nonsense").with(as("resident")), 403), 403); // role first, input after
        assertApiError(call(get(KPIS), 401), 401);
    }

    @Test
    void thePageShowsTheTotalAndEveryDay() throws Exception {
        long id = dispatchedToUnit("NOISE");
        act(id, "sign", unitStaff, Map.of());
        org.springframework.mock.web.MockHttpSession street = signIn("street");
        var page = mvc.perform(get("/casework/kpis").param("division", "430102001").session(street)).andReturn().getResponse();
        assertThat(page.getStatus()).isEqualTo(200);
        String html = page.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("考核指标", "按期办结率", "吹哨按时报到率", "合计", "文艺路街道", LocalDate.now(SHANGHAI).toString());
        assertThat(html).doesNotContain("尚未上线");
        String bad = mvc.perform(get("/casework/kpis").param("from", "2025-13-01").session(street)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(bad).contains("must be a date yyyy-MM-dd, not 2025-13-01");
        assertThat(mvc.perform(get("/casework/kpis").param("unit", String.valueOf(unit)).session(street)).andReturn().getResponse()
                .getStatus()).isEqualTo(403);
        assertThat(mvc.perform(get("/").session(street)).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .contains("/casework/kpis");
    }

    @Test
    void thePageTakesAPlaceOrAUnitByTheNamePeopleType() throws Exception {
        org.springframework.mock.web.MockHttpSession leader = signIn("leader");
        assertThat(page(leader, "/casework/kpis", "division", "文艺路")).contains("按期办结率", "文艺路街道")
                .doesNotContain("区划代码不存在", "没有名为");
        String unitName = jdbc.sql("select name from unit where id = ?").param(unit).query(String.class).single();
        assertThat(page(leader, "/casework/kpis", "unit", unitName)).contains("按期办结率", unitName).doesNotContain("unit must be a unit id");
        assertThat(page(leader, "/casework/kpis", "division", "不存在的街道")).contains("没有名为或代码为「不存在的街道」的区划");
        // the board: a named place lists its orders, an unknown one says so instead of an empty list
        org.springframework.mock.web.MockHttpSession dispatcher = signIn("dispatcher");
        assertThat(page(dispatcher, "/casework/board", "division", "无此地")).contains("id=\"board-error\"", "没有名为或代码为「无此地」的区划");
        assertThat(page(dispatcher, "/casework/board", "division", "文艺路")).doesNotContain("board-error");
    }

    private String page(org.springframework.mock.web.MockHttpSession session, String path, String param, String value) throws Exception {
        return mvc.perform(get(path).param(param, value).session(session)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void badInputIs400AndAnUnknownUnit404() throws Exception {
        for (Map<String, String> params : List.of(Map.of("from", "2025-13-01"), Map.of("to", "yesterday"),
                Map.of("from", "2025-02-01", "to", "2025-01-01"), Map.of("from", "2024-01-01", "to", "2025-01-31"),
                Map.of("unit", "abc"), Map.of("unit", String.valueOf(unit), "division", "430102"),
                Map.of("division", "999999"))) {
            MockHttpServletRequestBuilder r = get(KPIS).with(as("dispatcher"));
            params.forEach(r::param);
            assertApiError(call(r, 400), 400);
        }
        assertThat(call(get(KPIS).param("from", "2024-01-01").param("to", "2024-12-31").with(as("dispatcher")), 200)
                .path("days")).as("a leap year is allowed").hasSize(366);
        assertApiError(call(get(KPIS).param("unit", "999999999").with(as("dispatcher")), 404), 404);
    }
}

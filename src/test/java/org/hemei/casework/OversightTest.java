package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Pressing orders forward: the deadline watch (warnings, overdue 督办, escalation), notifications, manual
 * supervision, and 吹哨报到. Time passing is simulated by moving an order's deadlines into the past.
 */
class OversightTest extends ApiTestSupport {

    @Autowired
    DeadlineWatch watch;

    @Autowired
    JdbcClient jdbc;

    long dispatchedOrder(String category) throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        long id = call(json(post("/api/casework/orders").with(as("resident")),
                Map.of("title", unique("积水"), "text", "路面积水", "lat", p.lat(), "lng", p.lng())), 201).path("id").asLong();
        JsonNode registered = call(json(post("/api/casework/orders/" + id + "/register").with(as("dispatcher")), Map.of("category", category)), 200);
        if (registered.path("status").asString().equals("REGISTERED")) { // major hazards are dispatched at registration
            call(json(post("/api/casework/orders/" + id + "/dispatch").with(as("dispatcher")), Map.of()), 200);
        }
        return id;
    }

    /** Moves every deadline of the order so that it fell {@code minutesAgo} minutes ago. */
    void timePasses(long id, String column, int minutesAgo) {
        jdbc.sql("update work_order set " + column + " = ?, next_check_at = ? where id = ?")
                .params(Instant.now().minusSeconds(60L * minutesAgo).atOffset(ZoneOffset.UTC),
                        Instant.now().minusSeconds(60L * minutesAgo).atOffset(ZoneOffset.UTC), id).update();
    }

    List<String> supervisionKinds(long id) throws Exception {
        return texts(call(get("/api/casework/orders/" + id + "/supervision").with(as("dispatcher")), 200), "kind");
    }

    @Test
    void anUnsignedOrderPastItsLimitIsSupervisedOnceAndTheUnitIsTold() throws Exception {
        long id = dispatchedOrder("SANITATION");
        assertThat(supervisionKinds(id)).isEmpty();
        timePasses(id, "sign_due_at", 1);
        watch.pass();
        watch.pass(); // a second pass (or a second instance) raises nothing new
        assertThat(supervisionKinds(id)).containsExactly("SIGN_OVERDUE");
        JsonNode order = call(get("/api/casework/orders/" + id).with(as("dispatcher")), 200);
        assertThat(texts(order.path("timeline"), "action")).containsOnlyOnce("SUPERVISE");
        JsonNode notices = call(get("/api/casework/notifications").param("unread", "true").with(as("street")), 200);
        assertThat(notices.path("items")).anyMatch(n -> !n.path("kind").asString().equals("ASSIGNED") // not the dispatch notice
                && n.path("message").asString().contains(order.path("number").asString()));
        // The leaders over the place hear of it too.
        JsonNode leaders = call(get("/api/casework/notifications").with(as("leader")), 200);
        assertThat(texts(leaders.path("items"), "message")).anyMatch(m -> m.contains(order.path("number").asString()));
    }

    @Test
    void handlingPastTheDeadlineIsSupervisedAndAMovedDeadlineIsWatchedAfresh() throws Exception {
        long id = dispatchedOrder("SANITATION");
        call(json(post("/api/casework/orders/" + id + "/sign").with(as("street")), Map.of()), 200);
        timePasses(id, "handle_due_at", 5);
        watch.pass();
        assertThat(supervisionKinds(id)).containsExactly("HANDLE_OVERDUE");
        assertThat(call(get("/api/casework/orders/" + id).with(as("dispatcher")), 200).path("overdue").asBoolean()).isTrue();
        // An approved extension gives a new deadline; when that one passes it is supervised again.
        call(json(post("/api/casework/orders/" + id + "/extension").with(as("street")),
                Map.of("until", Instant.now().plusSeconds(3600).toString(), "reason", "协调中")), 200);
        call(json(post("/api/casework/orders/" + id + "/extension-decision").with(as("dispatcher")), Map.of("approve", true)), 200);
        watch.pass();
        assertThat(supervisionKinds(id)).containsExactly("HANDLE_OVERDUE");
        timePasses(id, "handle_due_at", 1);
        watch.pass();
        assertThat(supervisionKinds(id)).containsExactly("HANDLE_OVERDUE", "HANDLE_OVERDUE");
    }

    @Test
    void anUnsignedMajorHazardIsEscalatedToLeaders() throws Exception {
        long id = dispatchedOrder("HAZARD");
        jdbc.sql("update work_order set dispatched_at = ?, next_check_at = ? where id = ?")
                .params(Instant.now().minusSeconds(11 * 60).atOffset(ZoneOffset.UTC), Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC), id)
                .update();
        watch.pass();
        assertThat(supervisionKinds(id)).contains("ESCALATED");
    }

    @Test
    void theCentreOrALeaderMayPressAnOrderOnItsUnit() throws Exception {
        long id = dispatchedOrder("SANITATION");
        call(json(post("/api/casework/orders/" + id + "/supervise").with(as("street")), Map.of("note", "x")), 403);
        assertApiError(call(json(post("/api/casework/orders/" + id + "/supervise").with(as("leader")), Map.of()), 400), 400);
        JsonNode records = call(json(post("/api/casework/orders/" + id + "/supervise").with(as("leader")), Map.of("note", "请加快办理")), 200);
        assertThat(texts(records, "kind")).containsExactly("MANUAL");
        // Notifications: read one, and it no longer counts as unread.
        JsonNode unread = call(get("/api/casework/notifications").param("unread", "true").with(as("street")), 200);
        long notice = unread.path("items").get(0).path("id").asLong();
        call(post("/api/casework/notifications/" + notice + "/read").with(as("street")), 204);
        JsonNode after = call(get("/api/casework/notifications").param("unread", "true").with(as("street")), 200);
        assertThat(texts(after.path("items"), "id")).doesNotContain(String.valueOf(notice));
    }

    @Test
    void theStreetBlowsTheWhistleDepartmentsReportInTimeAndAreRated() throws Exception {
        long id = dispatchedOrder("SANITATION");
        long chengguan = call(get("/api/organization/units").param("q", "芙蓉区城管局").with(as("dispatcher")), 200)
                .path("items").get(0).path("id").asLong();
        long police = call(get("/api/organization/units").param("q", "芙蓉区公安局").with(as("dispatcher")), 200)
                .path("items").get(0).path("id").asLong();
        long streetOffice = call(get("/api/organization/units").param("q", "文艺路街道办事处").with(as("dispatcher")), 200)
                .path("items").get(0).path("id").asLong();
        assertApiError(call(json(post("/api/casework/orders/" + id + "/whistle").with(as("street")),
                Map.of("unitIds", List.of(streetOffice), "reason", "x")), 400), 400); // only departments are summoned
        call(json(post("/api/casework/orders/" + id + "/whistle").with(as("department")),
                Map.of("unitIds", List.of(chengguan), "reason", "x")), 403); // not the street of the place
        JsonNode whistle = call(json(post("/api/casework/orders/" + id + "/whistle").with(as("street")),
                Map.of("unitIds", List.of(chengguan, police), "reason", "占道经营反复，需联合执法")), 201);
        assertThat(whistle.path("summons").size()).isEqualTo(2);
        long chengguanSummons = summonsOf(whistle, chengguan).path("id").asLong();
        long policeSummons = summonsOf(whistle, police).path("id").asLong();
        // Summoned departments now assist on the order.
        JsonNode order = call(get("/api/casework/orders/" + id).with(as("dispatcher")), 200);
        assertThat(texts(order.path("assistingUnits"), "name")).contains("芙蓉区城管局", "芙蓉区公安局");

        String reporter = departmentStaff(chengguan);
        // and find it in their inbox, under the orders they assist
        var session = departmentSession(chengguan);
        String assisting = mvc.perform(get("/casework/inbox").param("tab", "assist").session(session)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(assisting).contains(order.path("number").asString(), "协办/吹哨");
        assertThat(mvc.perform(get("/casework/inbox").param("tab", "sign").session(session)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).doesNotContain(order.path("number").asString());
        call(json(post("/api/casework/whistle-summons/" + chengguanSummons + "/report").with(bearer(reporter)), Map.of("note", "已派执法队员到场")), 204);
        call(json(post("/api/casework/whistle-summons/" + chengguanSummons + "/report").with(bearer(reporter)), Map.of("note", "again")), 409);
        call(json(post("/api/casework/whistle-summons/" + policeSummons + "/report").with(bearer(reporter)), Map.of("note", "x")), 403);
        call(json(post("/api/casework/whistle-summons/" + chengguanSummons + "/rating").with(as("street")), Map.of("rating", "GOOD")), 204);
        call(json(post("/api/casework/whistle-summons/" + policeSummons + "/rating").with(as("street")), Map.of("rating", "GOOD")), 409);

        // The police did not report in time: flagged once.
        jdbc.sql("update whistle_summons set due_at = ? where id = ?").params(Instant.now().minusSeconds(60).atOffset(ZoneOffset.UTC), policeSummons).update();
        watch.pass();
        watch.pass();
        assertThat(supervisionKinds(id)).containsOnlyOnce("REPORT_OVERDUE");
        JsonNode after = call(get("/api/casework/orders/" + id + "/whistles").with(as("street")), 200).get(0);
        assertThat(summonsOf(after, chengguan).path("onTime").asBoolean()).isTrue();
        assertThat(summonsOf(after, chengguan).path("rating").asString()).isEqualTo("GOOD");
        assertThat(summonsOf(after, police).path("overdue").asBoolean()).isTrue();
        assertThat(texts(call(get("/api/casework/orders/" + id).with(as("dispatcher")), 200).path("timeline"), "action"))
                .contains("WHISTLE", "REPORT", "RATE_REPORT");
        JsonNode kpis = call(get("/api/casework/kpis").param("unit", String.valueOf(chengguan)).with(as("dispatcher")), 200);
        assertThat(kpis.path("total").path("whistleReportsOnTimeRate").asDouble()).isEqualTo(1.0);
    }

    static JsonNode summonsOf(JsonNode whistle, long unitId) {
        for (JsonNode s : whistle.path("summons")) if (s.path("unitId").asLong() == unitId) return s;
        throw new AssertionError("no summons of unit " + unitId + " in " + whistle);
    }

    /** An account acting for a department, with its API key. */
    /** A signed-in page session of a new staff account of the unit. */
    org.springframework.mock.web.MockHttpSession departmentSession(long unitId) throws Exception {
        String name = unique("cgp").replace("-", "");
        call(json(post("/api/identity/accounts").with(as("admin")), Map.of("username", name, "displayName", "城管内勤",
                "password", "secret1", "roles", List.of("UNIT_STAFF"), "units", List.of(unitId))), 201);
        return (org.springframework.mock.web.MockHttpSession) mvc.perform(post("/login").param("username", name).param("password", "secret1")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getRequest().getSession(false);
    }

    String departmentStaff(long unitId) throws Exception {
        String name = unique("cg").replace("-", "");
        JsonNode account = call(json(post("/api/identity/accounts").with(as("admin")), Map.of("username", name, "displayName", "城管队员",
                "password", "secret1", "roles", List.of("UNIT_STAFF"), "units", List.of(unitId))), 201);
        return call(json(post("/api/identity/accounts/" + account.path("id").asLong() + "/api-keys").with(as("admin")), Map.of()), 201)
                .path("apiKey").asString();
    }
}

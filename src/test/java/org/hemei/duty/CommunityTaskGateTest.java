package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

class CommunityTaskGateTest extends ApiTestSupport {

    static final String SHIZILI = "430102001001";
    static final String NEIGHBOUR = "430102001002";

    @Autowired
    JdbcClient jdbc;

    static Map<String, Object> task(String title, String code, boolean emergency, String... communities) {
        Map<String, Object> m = new HashMap<>();
        m.put("title", title);
        m.put("accessItemCode", code);
        m.put("communityCodes", List.of(communities));
        m.put("dueDate", LocalDate.now().plusDays(20).toString());
        m.put("emergency", emergency);
        return m;
    }

    @Test
    void aTaskOnTheAccessListIsDeliveredToEachCommunity() throws Exception {
        String title = unique("垃圾分类宣传督导");
        JsonNode t = call(json(post("/api/duty/community-tasks"), task(title, "ZR-A06", false, SHIZILI, NEIGHBOUR, SHIZILI))
                .with(as("department")), 201);
        assertThat(t.path("outcome").asString()).isEqualTo("DELIVERED");
        assertThat(t.path("departmentName").asString()).isEqualTo("长沙市城管局");
        assertThat(t.path("accessItemName").asString()).contains("垃圾分类");
        assertThat(texts(t.path("deliveries"), "communityCode")).containsExactly(SHIZILI, NEIGHBOUR);
        assertThat(t.path("deliveries").get(0).path("communityName").asString()).contains("识字里");

        JsonNode inbox = call(get("/api/duty/community-tasks").with(as("community")), 200);
        assertThat(texts(inbox, "title")).containsOnlyOnce(title);
        for (JsonNode row : inbox) assertThat(row.path("communityCode").asString()).isEqualTo(SHIZILI);
        assertThat(texts(call(get("/api/duty/community-tasks").with(as("street")), 200), "title")).contains(title);
        assertThat(texts(call(get("/api/duty/community-tasks").with(as("department")), 200), "title")).contains(title);
        call(get("/api/duty/community-tasks").with(as("resident")), 403);
    }

    @Test
    void aDistrictDepartmentTasksOnlyItsOwnDistrictsCommunities() throws Exception {
        long unit = call(json(post("/api/organization/units").with(as("dispatcher")), Map.of("name", unique("芙蓉区城管局派任务测试"),
                "kind", "DEPARTMENT", "departmentType", "CHENGGUAN", "divisionCode", "430102")), 201).path("id").asLong();
        String username = unique("furong").replace("-", "");
        long account = call(json(post("/api/identity/accounts").with(as("admin")), Map.of("username", username,
                "displayName", "芙蓉区城管局（测试）", "password", "secret-1", "roles", List.of("UNIT_STAFF"), "units", List.of(unit))), 201)
                .path("id").asLong();
        String key = call(json(post("/api/identity/accounts/" + account + "/api-keys"), Map.of("label", "test")).with(as("admin")), 201)
                .path("apiKey").asString();
        String tianxin = "430103002001"; // a community of 天心区, outside 芙蓉区
        String title = unique("垃圾分类宣传督导");
        JsonNode e = call(json(post("/api/duty/community-tasks"), task(title, "ZR-A06", false, SHIZILI, tianxin)).with(bearer(key)), 400);
        assertThat(e.path("message").asString()).contains(tianxin).doesNotContain(SHIZILI);
        assertThat(texts(call(get("/api/duty/community-tasks").with(as("community")), 200), "title")).doesNotContain(title);
        assertThat(call(json(post("/api/duty/community-tasks"), task(title, "ZR-A06", false, SHIZILI)).with(bearer(key)), 201)
                .path("outcome").asString()).isEqualTo("DELIVERED");
    }

    @Test
    void offTheListIsRefusedWithTheRuleAndRecorded() throws Exception {
        String title = unique("要求社区核查商户证照");
        JsonNode e = call(json(post("/api/duty/community-tasks"), task(title, null, false, SHIZILI)).with(as("department")), 422);
        assertApiError(e, 422);
        JsonNode p = e.path("problems").get(0);
        assertThat(p.path("rule").asString()).isEqualTo("NOT_LISTED");
        assertThat(p.path("reason").asString()).contains("不在准入清单");
        assertThat(p.path("howToApply").asString()).contains("准入申请").contains("30").doesNotContain("/api/");
        assertThat(jdbc.sql("select outcome from duty_task where title = ?").params(title).query(String.class).single()).isEqualTo("REFUSED");

        JsonNode burden = call(json(post("/api/duty/community-tasks"), task(unique("打卡"), "JF-3-01", false, SHIZILI))
                .with(as("department")), 422).path("problems").get(0);
        assertThat(burden.path("rule").asString()).isEqualTo("REMOVED_BURDEN");
        assertThat(burden.path("reason").asString()).contains("已列入减负清单第3批");

        JsonNode cert = call(json(post("/api/duty/community-tasks"), task(unique("开证明"), "ZM-01", false, SHIZILI))
                .with(as("department")), 422).path("problems").get(0);
        assertThat(cert.path("rule").asString()).isEqualTo("FORBIDDEN_CERTIFICATE");
        assertThat(cert.path("reason").asString()).contains("社区不得出具").contains("无犯罪记录证明");

        assertThat(call(json(post("/api/duty/community-tasks"), task(unique("无此编码"), "NO-SUCH", false, SHIZILI))
                .with(as("department")), 422).path("problems").get(0).path("rule").asString()).isEqualTo("NOT_LISTED");
    }

    @Test
    void emergenciesAreExemptButRecorded() throws Exception {
        String title = unique("防汛紧急转移");
        JsonNode t = call(json(post("/api/duty/community-tasks"), task(title, "JF-4-02", true, SHIZILI)).with(as("department")), 201);
        assertThat(t.path("outcome").asString()).isEqualTo("EMERGENCY");
        assertThat(t.path("emergency").asBoolean()).isTrue();
        assertThat(t.path("deliveries").size()).isEqualTo(1);

        JsonNode cert = call(json(post("/api/duty/community-tasks"), task(unique("紧急开证明"), "ZM-02", true, SHIZILI))
                .with(as("department")), 422);
        assertThat(cert.path("problems").get(0).path("rule").asString()).isEqualTo("FORBIDDEN_CERTIFICATE");
    }

    @Test
    void onlyDepartmentStaffSendAndInputIsChecked() throws Exception {
        Map<String, Object> ok = task(unique("越权派发"), "ZR-A06", false, SHIZILI);
        assertApiError(call(json(post("/api/duty/community-tasks"), ok).with(as("street")), 403), 403);
        assertApiError(call(json(post("/api/duty/community-tasks"), ok).with(as("community")), 403), 403);
        assertApiError(call(json(post("/api/duty/community-tasks"), ok).with(as("admin")), 403), 403);

        Map<String, Object> noTitle = task("  ", "ZR-A06", false, SHIZILI);
        assertThat(call(json(post("/api/duty/community-tasks"), noTitle).with(as("department")), 400).path("message").asString()).contains("title");
        Map<String, Object> street = task(unique("x"), "ZR-A06", false, "430102001");
        assertThat(call(json(post("/api/duty/community-tasks"), street).with(as("department")), 400).path("message").asString())
                .contains("communityCodes").contains("430102001");
        Map<String, Object> none = task(unique("x"), "ZR-A06", false);
        assertThat(call(json(post("/api/duty/community-tasks"), none).with(as("department")), 400).path("message").asString()).contains("communityCodes");
        Map<String, Object> noDue = task(unique("x"), "ZR-A06", false, SHIZILI);
        noDue.remove("dueDate");
        assertThat(call(json(post("/api/duty/community-tasks"), noDue).with(as("department")), 400).path("message").asString()).contains("dueDate");
    }
}

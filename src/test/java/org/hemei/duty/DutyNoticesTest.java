package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Who hears of the gate in the inbox: receiving communities, reviewers, and the department of the decision. */
class DutyNoticesTest extends ApiTestSupport {

    @Autowired
    CommunityTasks tasks;

    @Autowired
    Units units;

    @Autowired
    JdbcClient jdbc;

    @Test
    void eachReceivingCommunityIsToldOfADeliveredTaskAndNoneOfARefusedOne() throws Exception {
        String title = unique("垃圾分类宣传督导");
        call(json(post("/api/duty/community-tasks"), CommunityTaskGateTest.task(title, "ZR-A06", false,
                CommunityTaskGateTest.SHIZILI, CommunityTaskGateTest.NEIGHBOUR)).with(as("department")), 201);
        JsonNode mine = notices("community");
        assertThat(mine).anyMatch(n -> n.path("kind").asString().equals("DUTY_TASK") && n.path("message").asString().contains(title)
                && n.path("message").asString().contains("长沙市城管局"));
        long neighbour = units.at(UnitKind.COMMUNITY_COMMITTEE, CommunityTaskGateTest.NEIGHBOUR).orElseThrow().getId();
        assertThat(unitMessages(neighbour)).anyMatch(m -> m.contains(title));
        assertThat(notices("street")).noneMatch(n -> n.path("message").asString().contains(title));

        String refused = unique("要求社区开具无犯罪记录证明");
        call(json(post("/api/duty/community-tasks"), CommunityTaskGateTest.task(refused, null, false, CommunityTaskGateTest.SHIZILI))
                .with(as("department")), 422);
        assertThat(notices("community")).noneMatch(n -> n.path("message").asString().contains(refused));
    }

    @Test
    void reviewersHearOfAnApplicationAndTheDepartmentOfTheDecision() throws Exception {
        String title = unique("协助开展燃气安全入户宣传");
        long id = call(json(post("/api/duty/access-applications"), Map.of("title", title, "basis", "燃气安全专项整治（示例）",
                "startDate", tasks.earliestApplicationStart().toString())).with(as("department")), 201).path("id").asLong();
        assertThat(notices("admin")).anyMatch(n -> n.path("kind").asString().equals("ACCESS_APPLICATION")
                && n.path("message").asString().contains(title));
        assertThat(notices("department")).noneMatch(n -> n.path("message").asString().contains(title));

        call(json(post("/api/duty/access-applications/" + id + "/decision"), Map.of("approve", false, "reason", "属于部门自身职责"))
                .with(as("admin")), 200);
        assertThat(notices("department")).anyMatch(n -> n.path("kind").asString().equals("ACCESS_DECISION")
                && n.path("message").asString().contains(title) && n.path("message").asString().contains("属于部门自身职责"));
    }

    @Test
    void aNoticeOpensThePageItIsAboutOnceRead() throws Exception {
        String title = unique("协助开展防汛宣传");
        call(json(post("/api/duty/access-applications"), Map.of("title", title, "basis", "防汛专项（示例）",
                "startDate", tasks.earliestApplicationStart().toString())).with(as("department")), 201);
        JsonNode notice = java.util.stream.StreamSupport.stream(notices("admin").spliterator(), false)
                .filter(n -> n.path("message").asString().contains(title)).findFirst().orElseThrow();
        assertThat(notice.path("link").asString()).isEqualTo("/duty/applications");
        mvc.perform(post("/notifications/" + notice.path("id").asLong() + "/read").session(signIn("admin"))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/duty/applications"));
        // someone else's notice opens nothing and stays unread
        mvc.perform(post("/notifications/" + notice.path("id").asLong() + "/read").session(signIn("department"))
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl("/notifications"));
    }

    private JsonNode notices(String account) throws Exception {
        return call(get("/api/casework/notifications").param("size", "200").with(as(account)), 200).path("items");
    }

    private List<String> unitMessages(long unitId) {
        return jdbc.sql("select message from notification where audience = 'UNIT' and unit_id = ? order by id desc limit 200")
                .params(unitId).query(String.class).list();
    }
}

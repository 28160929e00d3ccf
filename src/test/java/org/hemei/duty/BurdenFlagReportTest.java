package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class BurdenFlagReportTest extends ApiTestSupport {

    @Autowired
    CommunityTasks tasks;

    private JsonNode cityManagement() throws Exception {
        for (JsonNode row : call(get("/api/duty/report").with(as("leader")), 200)) {
            if (row.path("departmentName").asString().equals("长沙市城管局")) return row;
        }
        return JSON.readTree("{\"sent\":0,\"delivered\":0,\"refused\":0,\"emergency\":0,\"applied\":0,\"flagged\":0}");
    }

    @Test
    void theReceivingCommunityFlagsAndTheReportCounts() throws Exception {
        synchronized (BurdenFlagReportTest.class) { // the report is global: count in one go
            JsonNode before = cityManagement();
            JsonNode sent = call(json(post("/api/duty/community-tasks"), CommunityTaskGateTest.task(unique("协助入户采集信息"),
                    "ZR-A08", false, CommunityTaskGateTest.SHIZILI, CommunityTaskGateTest.NEIGHBOUR)).with(as("department")), 201);
            long mine = sent.path("deliveries").get(0).path("id").asLong();
            long neighbours = sent.path("deliveries").get(1).path("id").asLong();
            call(json(post("/api/duty/community-tasks"), CommunityTaskGateTest.task(unique("拍照留痕"), "JF-2-02", false,
                    CommunityTaskGateTest.SHIZILI)).with(as("department")), 422);
            call(json(post("/api/duty/community-tasks"), CommunityTaskGateTest.task(unique("紧急排查"), null, true,
                    CommunityTaskGateTest.SHIZILI)).with(as("department")), 201);
            call(json(post("/api/duty/access-applications"), Map.of("title", unique("申请"), "basis", "依据",
                    "startDate", tasks.earliestApplicationStart().toString())).with(as("department")), 201);

            assertThat(call(json(post("/api/duty/community-tasks/" + mine + "/flag"), Map.of("reason", " "))
                    .with(as("community")), 400).path("message").asString()).contains("reason");
            call(json(post("/api/duty/community-tasks/" + neighbours + "/flag"), Map.of("reason", "不是我们的")).with(as("community")), 403);
            call(json(post("/api/duty/community-tasks/" + mine + "/flag"), Map.of("reason", "x")).with(as("department")), 403);
            JsonNode flag = call(json(post("/api/duty/community-tasks/" + mine + "/flag"),
                    Map.of("reason", "实为部门入户核查工作，超出协助范围")).with(as("community")), 201);
            assertThat(flag.path("communityCode").asString()).isEqualTo(CommunityTaskGateTest.SHIZILI);
            assertThat(flag.path("reason").asString()).contains("超出协助范围");
            call(json(post("/api/duty/community-tasks/" + mine + "/flag"), Map.of("reason", "again")).with(as("community")), 409);
            call(json(post("/api/duty/community-tasks/999999999/flag"), Map.of("reason", "x")).with(as("community")), 404);

            JsonNode after = cityManagement();
            assertThat(after.path("sent").asLong() - before.path("sent").asLong()).isEqualTo(3);
            assertThat(after.path("delivered").asLong() - before.path("delivered").asLong()).isEqualTo(2);
            assertThat(after.path("refused").asLong() - before.path("refused").asLong()).isEqualTo(1);
            assertThat(after.path("emergency").asLong() - before.path("emergency").asLong()).isEqualTo(1);
            assertThat(after.path("applied").asLong() - before.path("applied").asLong()).isEqualTo(1);
            assertThat(after.path("flagged").asLong() - before.path("flagged").asLong()).isEqualTo(1);
            call(get("/api/duty/report").with(as("department")), 403);
        }
    }
}

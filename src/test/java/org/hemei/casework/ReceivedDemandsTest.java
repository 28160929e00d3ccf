package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.hemei.triage.UnlabelledTexts;
import org.hemei.triage.internal.TinyData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** The demands received teach the next category model's word vectors; confidential ones never do. */
class ReceivedDemandsTest extends ApiTestSupport {

    @Autowired
    ReceivedDemands demands;
    @Autowired
    JdbcClient jdbc;

    private String report(String title, boolean confidential) throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        Map<String, Object> d = new HashMap<>(Map.of("title", title, "text", "楼道灯坏了一个月，晚上很黑", "lat", p.lat(), "lng", p.lng(),
                "requesterName", "李四", "requesterPhone", "13812341234", "confidential", confidential));
        call(json(post("/api/casework/orders").with(as("resident")), d), 201);
        return title;
    }

    @Test
    void newestDemandsFirstWithoutConfidentialOnes() throws Exception {
        String open = report(unique("楼道灯"), false);
        String secret = report(unique("楼道灯保密"), true);
        List<String> titles = demands.newest(50).stream().map(UnlabelledTexts.Text::title).toList();
        assertThat(titles).contains(open).doesNotContain(secret);
        assertThat(demands.newest(1)).hasSize(1);
        assertThat(demands.newest(1).get(0).title()).isEqualTo(open);
    }

    @Test
    void trainingLearnsFromTheDemandsReceived() throws Exception {
        report(unique("路灯不亮"), false);
        long offered = jdbc.sql("select count(*) from work_order where not confidential and status not in ('MERGED', 'INVALID')")
                .query(Long.class).single();
        JsonNode accepted = call(post("/api/triage/models").with(as("admin")).contentType("text/csv").header("X-File-Name", "tiny.csv")
                .content(TinyData.csv(TinyData.messages(30, 31)).getBytes(StandardCharsets.UTF_8)), 202);
        JsonNode metrics = trainedModel(accepted).path("metrics");
        assertThat(metrics.path("unlabelled_orders").asLong()).isEqualTo(Math.min(offered, 10_000));
        assertThat(metrics.path("unlabelled").asInt()).isPositive(); // the demands kept after dropping near-copies
    }
}

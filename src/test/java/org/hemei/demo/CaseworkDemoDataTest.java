package org.hemei.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.Map;
import java.util.TreeMap;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/** The demo's work orders: one at every stage after the first start, none twice after a restart. */
@TestPropertySource(properties = { "hemei.demo.triage-model=true", "hemei.demo.orders=true", TriageDemoDataTest.OWN_DATABASE })
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class) // the rating closes an order
class CaseworkDemoDataTest extends ApiTestSupport {

    @Autowired
    CaseworkDemoData demo;

    @Test
    @org.junit.jupiter.api.Order(1)
    void theFirstStartLeavesOrdersAtEveryStageAndARestartAddsNone() throws Exception {
        assertThat(statuses()).isEqualTo(Map.of("RECEIVED", 2, "REGISTERED", 1, "DISPATCHED", 2, "SIGNED", 2, "IN_PROGRESS", 2,
                "HANDLED", 3, "CLOSED", 2));
        demo.create();
        assertThat(statuses().values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(CaseworkDemoData.ORDERS.size());

        // all of them lie in 文艺路街道, so the street's staff see every one
        assertThat(call(get("/api/casework/orders").param("q", "示例").with(as("street")), 200).path("total").asLong())
                .isEqualTo(CaseworkDemoData.ORDERS.size());
        // the grid worker has an on-site check waiting
        assertThat(call(get("/api/casework/orders").param("q", "识字里第1网格垃圾桶破损").with(as("grid")), 200).path("total").asLong())
                .isEqualTo(1);
        // each is pinned, so the board's map shows them
        JsonNode all = call(get("/api/casework/orders").param("q", "示例").param("size", "100").with(as("dispatcher")), 200);
        for (JsonNode row : all.path("items")) assertThat(row.path("lat").isNumber()).as(row.path("number").asText()).isTrue();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void theDemoResidentFindsTheirOwnReportsAndRatesTheHandledOne() throws Exception {
        JsonNode mine = call(get("/api/casework/orders").with(as("resident")), 200);
        assertThat(texts(mine.path("items"), "status")).containsExactlyInAnyOrder("HANDLED", "IN_PROGRESS");
        assertThat(call(get("/api/casework/orders").with(as("courier")), 200).path("total").asLong()).isEqualTo(1);

        JsonNode handled = java.util.stream.StreamSupport.stream(mine.path("items").spliterator(), false)
                .filter(r -> r.path("status").asText().equals("HANDLED")).findFirst().orElseThrow();
        JsonNode order = call(get("/api/casework/orders/" + handled.path("id").asLong()).with(as("resident")), 200);
        JsonNode rated = call(json(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/casework/orders/" + order.path("id").asLong() + "/follow-up"),
                Map.of("resolved", true, "satisfaction", "SATISFIED", "version", order.path("version").asInt())).with(as("resident")), 200);
        assertThat(rated.path("status").asText()).isEqualTo("CLOSED");
    }

    private Map<String, Integer> statuses() throws Exception {
        JsonNode page = call(get("/api/casework/orders").param("q", "示例").param("size", "100").with(as("dispatcher")), 200);
        Map<String, Integer> byStatus = new TreeMap<>();
        for (JsonNode row : page.path("items")) byStatus.merge(row.path("status").asText(), 1, Integer::sum);
        return byStatus;
    }
}

package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AccessItemsApiTest extends ApiTestSupport {

    @Test
    void theListIsSeededAndFiltered() throws Exception {
        JsonNode all = call(get("/api/duty/access-items").with(as("resident")), 200);
        assertThat(texts(all, "kind")).contains("LEGAL_DUTY", "ASSISTANCE", "REMOVED_BURDEN", "FORBIDDEN_CERTIFICATE");
        assertThat(texts(all, "name")).contains("无犯罪记录证明", "调解民间纠纷");

        JsonNode legal = call(get("/api/duty/access-items").param("kind", "legal_duty").with(as("community")), 200);
        assertThat(texts(legal, "kind")).hasSizeGreaterThanOrEqualTo(15).containsOnly("LEGAL_DUTY");

        JsonNode batch3 = call(get("/api/duty/access-items").param("kind", "REMOVED_BURDEN").param("batch", "3")
                .with(as("department")), 200);
        assertThat(batch3.size()).isPositive();
        for (JsonNode item : batch3) assertThat(item.path("batch").asInt()).isEqualTo(3);
        for (int b = 1; b <= 4; b++) {
            assertThat(call(get("/api/duty/access-items").param("batch", "" + b).with(as("admin")), 200).size()).as("batch " + b).isPositive();
        }
    }

    @Test
    void badFiltersNameTheField() throws Exception {
        JsonNode e = call(get("/api/duty/access-items").param("kind", "chores").with(as("admin")), 400);
        assertApiError(e, 400);
        assertThat(e.path("message").asString()).contains("kind");
        assertThat(call(get("/api/duty/access-items").param("batch", "x").with(as("admin")), 400).path("message").asString()).contains("batch");
        call(get("/api/duty/access-items"), 401);
    }
}

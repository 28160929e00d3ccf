package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;

/**
 * 不得将部门职责下沉社区: a rule making a community the lead of department work is refused with 422 and the reason —
 * by the category table, or by a street duty list. The street duty lists are another engineer's work; until they are
 * merged this test registers a duty list of its own: in 浏阳市 (430181) sanitation is the 城管 department's work.
 */
class DispatchPushDownTest extends ApiTestSupport {

    static final String RULES = DispatchCatalogueTest.RULES;
    static final String LIST_ITEM = "浏阳市街道履职清单（测试）第12项：市容环境卫生由浏阳市城管局负责";

    @TestConfiguration
    static class LiuyangDuties {
        @Bean
        DepartmentDuties liuyangSanitation() {
            return (category, place, on) -> "SANITATION".equals(category) && place.startsWith("430181")
                    && !on.isBefore(LocalDate.of(2025, 1, 1)) ? Optional.of(LIST_ITEM) : Optional.empty();
        }
    }

    static Map<String, Object> rule(String category, String territoryCode, Object... more) {
        return DispatchCatalogueTest.rule(category, territoryCode, more);
    }

    long total(String category) throws Exception {
        return call(get(RULES).param("category", category).with(as("dispatcher")), 200).path("total").asLong();
    }

    @Test
    void aCommunityMayNotLeadWhatTheCategoryTableGivesADepartment() throws Exception {
        long before = total("NOISE");
        JsonNode refused = call(json(post(RULES), rule("NOISE", "430112013", "leadType", "COMMUNITY")).with(as("dispatcher")), 422);
        assertApiError(refused, 422);
        assertThat(refused.path("message").asString()).contains("不得将部门职责事项下沉给社区", "生态环境", "pushed down");
        assertThat(texts(refused.path("problems"), "rule")).containsExactly("CATEGORY_TABLE");

        long committee = call(get("/api/organization/units").param("q", "兴城社区").param("kind", "COMMUNITY_COMMITTEE")
                .with(as("dispatcher")), 200).path("items").get(0).path("id").asLong();
        assertApiError(call(json(post(RULES), rule("NOISE", "430112003", "leadUnitId", committee)).with(as("admin")), 422), 422);
        assertThat(total("NOISE")).isEqualTo(before);

        // Assisting is not leading: a community may help the department (in 2099, so no order today is touched).
        JsonNode assisted = call(json(post(RULES), rule("NOISE", "430112013", "leadType", "SHENGTAI_HUANJING",
                "assistingTypes", List.of("COMMUNITY"), "effectiveFrom", "2099-01-01")).with(as("dispatcher")), 201);
        // ...and an edit that would make it the lead is refused like a new rule, leaving the rule as it was.
        Map<String, Object> edit = new HashMap<>(rule("NOISE", "430112013", "leadType", "COMMUNITY", "effectiveFrom", "2099-01-01"));
        edit.put("version", assisted.path("version").asInt());
        assertThat(call(json(put(RULES + "/" + assisted.path("id").asLong()), edit).with(as("dispatcher")), 422)
                .path("problems").get(0).path("rule").asString()).isEqualTo("CATEGORY_TABLE");
        assertThat(call(get(RULES + "/" + assisted.path("id").asLong()).with(as("dispatcher")), 200).path("leadType").asString())
                .isEqualTo("SHENGTAI_HUANJING");
        call(json(post(RULES + "/" + assisted.path("id").asLong() + "/end"), Map.of("reason", "测试结束",
                "version", assisted.path("version").asInt())).with(as("dispatcher")), 200);
    }

    @Test
    void aCommunityMayNotLeadWhatTheDutyListsGiveADepartmentThere() throws Exception {
        long before = total("SANITATION");
        JsonNode refused = call(json(post(RULES), rule("SANITATION", "430181001", "leadType", "COMMUNITY")).with(as("dispatcher")), 422);
        assertThat(refused.path("message").asString()).contains(LIST_ITEM);
        assertThat(texts(refused.path("problems"), "rule")).containsExactly("DUTY_LIST");
        assertThat(texts(refused.path("problems"), "reason")).containsExactly(LIST_ITEM);
        // A wider territory is refused when the duty list of any street under it says so.
        for (Map<String, Object> wide : List.of(rule("SANITATION", "430181", "leadType", "COMMUNITY"),
                rule("SANITATION", null, "territoryLevel", "CITY", "leadType", "COMMUNITY"))) {
            assertThat(texts(call(json(post(RULES), wide).with(as("admin")), 422).path("problems"), "reason"))
                    .containsExactly(LIST_ITEM);
        }
        assertThat(total("SANITATION")).isEqualTo(before);

        // Before the duty list took effect, and elsewhere, the category table lets the street decide: allowed.
        JsonNode earlier = call(json(post(RULES), rule("SANITATION", "430181001", "leadType", "COMMUNITY",
                "effectiveFrom", "2024-01-01", "effectiveTo", "2024-06-30")).with(as("dispatcher")), 201);
        JsonNode elsewhere = call(json(post(RULES), rule("SANITATION", "430112013", "leadType", "COMMUNITY",
                "effectiveFrom", "2099-01-01")).with(as("dispatcher")), 201);
        assertThat(total("SANITATION")).isEqualTo(before + 2);
        for (JsonNode r : List.of(earlier, elsewhere)) {
            call(json(post(RULES + "/" + r.path("id").asLong() + "/end"), Map.of("reason", "测试结束",
                    "version", r.path("version").asInt())).with(as("dispatcher")), 200);
        }
    }
}

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
 * by the category table, or by the street duty list in force at the rule's territory on its first day.
 */
class DispatchPushDownTest extends StreetListTestSupport {

    static final String RULES = DispatchCatalogueTest.RULES;

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
        assertThat(texts(refused.path("problems"), "rule")).startsWith("CATEGORY_TABLE"); // later duty lists may add theirs

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
        // The template has the street lead on sanitation; this street's own list (from a day ahead) makes it 城管's work.
        String street = freshStreet();
        LocalDate from = today().plusDays(40);
        call(upload(street, xlsx(new String[] { "PD-1", "主次干道环境卫生", "《城市市容和环境卫生管理条例》", "配合", "城管", "SANITATION" }),
                from).with(as("admin")), 201);
        long before = total("SANITATION");

        JsonNode refused = call(json(post(RULES), rule("SANITATION", street, "leadType", "COMMUNITY", "effectiveFrom", from.toString()))
                .with(as("dispatcher")), 422);
        assertThat(texts(refused.path("problems"), "rule")).containsExactly("DUTY_LIST");
        assertThat(refused.path("message").asString()).contains("PD-1", "主次干道环境卫生");
        // A wider territory is refused when the duty list of any street under it says so.
        for (Map<String, Object> wide : List.of(rule("SANITATION", street.substring(0, 6), "leadType", "COMMUNITY", "effectiveFrom", from.toString()),
                rule("SANITATION", null, "territoryLevel", "CITY", "leadType", "COMMUNITY", "effectiveFrom", from.toString()))) {
            assertThat(texts(call(json(post(RULES), wide).with(as("admin")), 422).path("problems"), "rule")).isNotEmpty().containsOnly("DUTY_LIST");
        }
        assertThat(total("SANITATION")).isEqualTo(before);

        // A rule starting before the list but lasting into it is refused too: the list in force changes within it.
        JsonNode lasting = call(json(post(RULES), rule("SANITATION", street, "leadType", "COMMUNITY",
                "effectiveFrom", from.minusDays(10).toString())).with(as("dispatcher")), 422);
        assertThat(lasting.path("message").asString()).contains("PD-1", from.toString());
        // One that ends before the street's list takes effect falls under the template, where the street decides: allowed.
        JsonNode allowed = call(json(post(RULES), rule("SANITATION", street, "leadType", "COMMUNITY",
                "effectiveFrom", from.minusDays(10).toString(), "effectiveTo", from.minusDays(1).toString())).with(as("dispatcher")), 201);
        assertThat(total("SANITATION")).isEqualTo(before + 1);
        call(json(post(RULES + "/" + allowed.path("id").asLong() + "/end"), Map.of("reason", "测试结束",
                "version", allowed.path("version").asInt())).with(as("dispatcher")), 200);
    }

    @Test
    void theCheckFindsARuleThatALaterDutyListTurnsIntoPushingDown() throws Exception {
        String street = freshStreet();
        JsonNode rule = call(json(post(RULES), rule("SANITATION", street, "leadType", "COMMUNITY")).with(as("dispatcher")), 201);
        long id = rule.path("id").asLong();
        LocalDate from = today().plusDays(60);
        call(upload(street, xlsx(new String[] { "PD-2", "街巷保洁", "《城市市容和环境卫生管理条例》", "配合", "城管", "SANITATION" }),
                from).with(as("admin")), 201);

        assertThat(pushedDown(today())).doesNotContain(id);
        assertThat(pushedDown(from)).contains(id);
        call(json(post(RULES + "/" + id + "/end"), Map.of("reason", "测试结束", "version", rule.path("version").asInt()))
                .with(as("dispatcher")), 200);
    }

    private List<Long> pushedDown(LocalDate on) throws Exception {
        List<Long> ids = new java.util.ArrayList<>();
        for (JsonNode f : call(get(RULES + "/check").param("on", on.toString()).with(as("dispatcher")), 200)) {
            if (f.path("kind").asString().equals("PUSHED_DOWN")) ids.add(f.path("ruleId").asLong());
        }
        return ids;
    }
}

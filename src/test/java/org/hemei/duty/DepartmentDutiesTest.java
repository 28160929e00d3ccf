package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** DepartmentDuties answers from the list in force for the place's street, else the template. */
class DepartmentDutiesTest extends StreetListTestSupport {

    @Autowired
    DepartmentDuties duties;

    @Test
    void theStreetsOwnListDecidesFromItsDateAndTheTemplateBefore() throws Exception {
        String street = freshStreet();
        String community = territory.children(street).get(0).code();
        LocalDate from = today().plusDays(40);
        call(upload(street, xlsx(
                new String[] { "D-1", "供水入户核实", "《城市供水条例》", "配合", "水务、住建", "WATER" },
                new String[] { "D-2", "夜间噪声劝导", "《中华人民共和国噪声污染防治法》", "主责", "公安", "NOISE" }), from)
                .with(as("admin")), 201);

        Optional<String> water = duties.departmentWork("WATER", community, from);
        assertThat(water).isPresent();
        assertThat(water.get()).contains("D-1", "供水入户核实", "水务、住建", "街道配合", "the street assists", from.toString());
        assertThat(water.get().indexOf("街道配合")).isLessThan(water.get().indexOf(" / "));
        assertThat(duties.departmentWork("WATER", street, from.plusDays(100))).isPresent();
        // The street leads on noise, and its own list does not make gas anybody's department work.
        assertThat(duties.departmentWork("NOISE", community, from)).isEmpty();
        assertThat(duties.departmentWork("GAS", community, from)).isEmpty();
        assertThat(duties.departmentWork("UNKNOWN_CATEGORY", community, from)).isEmpty();

        // Before its own list takes effect the street follows the template.
        JsonNode template = call(get("/api/duty/street-lists/template/items").param("size", "200").param("on", today().toString())
                .with(as("admin")), 200).path("items").path("items");
        for (JsonNode item : template) {
            for (JsonNode c : item.path("categories")) {
                Optional<String> answer = duties.departmentWork(c.asString(), community, from.minusDays(1));
                if (item.path("streetRole").asString().equals("ASSIST")) {
                    assertThat(answer).as(c.asString()).hasValueSatisfying(r -> assertThat(r).contains("市级模板", item.path("code").asString()));
                } else {
                    assertThat(answer).as(c.asString()).isEmpty();
                }
            }
        }
    }

    @Test
    void placesAboveStreetLevelFollowTheTemplate() throws Exception {
        JsonNode template = call(get("/api/duty/street-lists/template/items").param("size", "200").with(as("admin")), 200)
                .path("items").path("items");
        JsonNode assist = null;
        for (JsonNode item : template) {
            if (item.path("streetRole").asString().equals("ASSIST") && !item.path("categories").isEmpty()) assist = item;
        }
        assertThat(assist).isNotNull();
        String category = assist.path("categories").get(0).asString();
        String code = assist.path("code").asString();
        assertThat(duties.departmentWork(category, "430102", today())).hasValueSatisfying(r -> assertThat(r).contains(code));
        assertThat(duties.departmentWork(category, null, today())).isPresent();
        // No list was in force before the template took effect.
        assertThat(duties.departmentWork(category, "430102", LocalDate.of(2020, 1, 1))).isEmpty();
    }
}

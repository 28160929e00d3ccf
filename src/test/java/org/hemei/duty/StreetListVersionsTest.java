package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.hemei.casework.Categories;
import org.hemei.casework.Category;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Versions with effective dates, the version in force on a day, and the rules on dates. */
class StreetListVersionsTest extends StreetListTestSupport {

    @Autowired
    Categories categories;

    @Test
    void theSeededTemplateCoversEveryCategoryOnce() throws Exception {
        JsonNode template = call(get("/api/duty/street-lists/template").with(as("grid")), 200);
        assertThat(template.path("ownerCode").asString()).isEqualTo("430100");
        assertThat(template.path("inForce").path("effectiveFrom").asString()).isEqualTo("2025-01-01");
        JsonNode items = call(get("/api/duty/street-lists/template/items").param("size", "200").with(as("grid")), 200);
        assertThat(items.path("items").path("total").asInt()).isBetween(25, 40);
        Set<String> covered = new HashSet<>();
        for (JsonNode item : items.path("items").path("items")) {
            for (JsonNode c : item.path("categories")) assertThat(covered.add(c.asString())).as("once: " + c).isTrue();
        }
        assertThat(covered).containsAll(categories.all().stream().map(Category::code).toList());
        // The demo street has a version of its own in force.
        JsonNode demo = call(get("/api/duty/street-lists/430102001/items").with(as("street")), 200);
        assertThat(demo.path("fromTemplate").asBoolean()).isFalse();
        assertThat(demo.path("version").path("ownerCode").asString()).isEqualTo("430102001");
    }

    @Test
    void theVersionInForceIsTheStreetsLatestEffectiveThatDayElseTheTemplate() throws Exception {
        String street = freshStreet();
        LocalDate first = today().plusDays(30);
        LocalDate second = today().plusDays(60);
        long v1 = call(upload(street, xlsx(new String[] { "A-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" }), first)
                .with(as("admin")), 201).path("version").path("id").asLong();
        long v2 = call(upload(street, xlsx(new String[] { "A-1", "供水核实", "《城市供水条例》", "主责", "水务", "WATER" },
                new String[] { "A-2", "噪声劝导", "《中华人民共和国噪声污染防治法》", "主责", "", "NOISE" }), second)
                .with(as("admin")), 201).path("version").path("id").asLong();

        JsonNode now = inForce(street, today());
        assertThat(now.path("fromTemplate").asBoolean()).isTrue();
        assertThat(now.path("version").path("ownerCode").asString()).isEqualTo("430100");
        assertThat(inForce(street, first.minusDays(1)).path("fromTemplate").asBoolean()).isTrue();
        assertThat(inForce(street, first).path("version").path("id").asLong()).isEqualTo(v1);
        assertThat(inForce(street, second.minusDays(1)).path("version").path("id").asLong()).isEqualTo(v1);
        JsonNode later = inForce(street, second.plusYears(1));
        assertThat(later.path("version").path("id").asLong()).isEqualTo(v2);
        assertThat(later.path("fromTemplate").asBoolean()).isFalse();
        assertThat(texts(later.path("items").path("items"), "code")).containsExactly("A-1", "A-2");
        assertThat(later.path("items").path("items").get(0).path("streetRole").asString()).isEqualTo("LEAD");

        JsonNode versions = call(get("/api/duty/street-lists/" + street + "/versions").with(as("admin")), 200);
        assertThat(versions.path("total").asInt()).isEqualTo(2);
        JsonNode newest = versions.path("items").get(0);
        JsonNode oldest = versions.path("items").get(1);
        assertThat(newest.path("id").asLong()).isEqualTo(v2);
        assertThat(newest.path("supersededOn").isNull()).isTrue();
        assertThat(oldest.path("supersededOn").asString()).isEqualTo(second.toString());
        assertThat(oldest.path("status").asString()).isEqualTo("SCHEDULED");
        assertThat(oldest.path("importedBy").asString()).isEqualTo("admin");
        assertThat(oldest.path("importedAt").asString()).isNotBlank();

        JsonNode owner = call(get("/api/duty/street-lists/" + street).with(as("admin")), 200);
        assertThat(owner.path("inForce").isNull()).isTrue();
        assertThat(owner.path("next").path("id").asLong()).isEqualTo(v1);
        JsonNode owners = call(get("/api/duty/street-lists").param("size", "200").with(as("admin")), 200);
        assertThat(texts(owners.path("items"), "ownerCode")).contains("430100", street);
        // Paging: one owner a page.
        JsonNode page = call(get("/api/duty/street-lists").param("size", "1").param("page", "1").with(as("admin")), 200);
        assertThat(page.path("items").size()).isEqualTo(1);
        assertThat(page.path("total").asInt()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aVersionEffectiveTodayIsInForceAtOnce() throws Exception {
        String street = freshStreet();
        long id = call(upload(street, xlsx(new String[] { "T-1", "矛盾调解", "《中华人民共和国人民调解法》", "主责", "", "NEIGHBOURS" }),
                today()).with(as("admin")), 201).path("version").path("id").asLong();
        JsonNode owner = call(get("/api/duty/street-lists/" + street).with(as("admin")), 200);
        assertThat(owner.path("inForce").path("id").asLong()).isEqualTo(id);
        assertThat(owner.path("inForce").path("status").asString()).isEqualTo("IN_FORCE");
        assertThat(call(get("/api/duty/street-lists/" + street + "/items").with(as("admin")), 200).path("version").path("id").asLong())
                .isEqualTo(id);
    }

    @Test
    void thePastIsNotRewrittenAndADateHasOneContent() throws Exception {
        String street = freshStreet();
        byte[] file = xlsx(new String[] { "P-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" });
        JsonNode past = call(upload(street, file, today().minusDays(1)).with(as("admin")), 422);
        assertApiError(past, 422);
        assertThat(past.path("message").asString()).contains("effectiveFrom must not lie in the past");
        assertThat(versions(street)).isZero();

        LocalDate date = today().plusDays(90);
        JsonNode created = call(upload(street, file, date).with(as("admin")), 201);
        assertThat(created.path("created").asBoolean()).isTrue();
        JsonNode again = call(upload(street, file, date).with(as("admin")), 200);
        assertThat(again.path("created").asBoolean()).isFalse();
        assertThat(again.path("version").path("id").asLong()).isEqualTo(created.path("version").path("id").asLong());
        JsonNode other = call(upload(street, xlsx(new String[] { "P-1", "供水核实", "《城市供水条例》", "主责", "水务", "WATER" }), date)
                .with(as("admin")), 409);
        assertThat(other.path("message").asString()).contains(date.toString());
        assertThat(versions(street)).isEqualTo(1);
        assertThat(call(get("/api/duty/street-lists/" + street + "/items").param("on", date.toString()).with(as("admin")), 200)
                .path("items").path("items").get(0).path("streetRole").asString()).isEqualTo("ASSIST");
    }

    @Test
    void aScheduledVersionCanBeWithdrawnButHistoryStays() throws Exception {
        String street = freshStreet();
        byte[] file = xlsx(new String[] { "W-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" });
        long id = call(upload(street, file, today().plusDays(15)).with(as("admin")), 201).path("version").path("id").asLong();
        call(delete("/api/duty/street-lists/versions/" + id).with(as("street")), 403); // another street's staff
        call(delete("/api/duty/street-lists/versions/" + id).with(as("dispatcher")), 403);
        assertThat(call(delete("/api/duty/street-lists/versions/" + id).with(as("admin")), 200).path("id").asLong()).isEqualTo(id);
        assertThat(versions(street)).isZero();
        call(get("/api/duty/street-lists/versions/" + id).with(as("admin")), 404);
        call(delete("/api/duty/street-lists/versions/" + id).with(as("admin")), 404);
        long today = call(upload(street, file, today()).with(as("admin")), 201).path("version").path("id").asLong();
        assertThat(call(delete("/api/duty/street-lists/versions/" + today).with(as("admin")), 409).path("message").asString())
                .contains("not yet in force");
        long template = call(get("/api/duty/street-lists/template").with(as("admin")), 200).path("inForce").path("id").asLong();
        call(delete("/api/duty/street-lists/versions/" + template).with(as("admin")), 409);
        assertThat(versions(street)).isEqualTo(1);
    }

    @Test
    void badRequestsSayWhat() throws Exception {
        String street = freshStreet();
        byte[] file = xlsx(new String[] { "B-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" });
        assertThat(call(upload(street, file, null).with(as("admin")), 400).path("message").asString()).contains("effectiveFrom");
        assertThat(call(upload(street, file, "next monday").with(as("admin")), 400).path("message").asString()).contains("yyyy-mm-dd");
        assertThat(call(upload(street, null, today().plusDays(5)).with(as("admin")), 400).path("message").asString()).contains("file");
        call(upload(street, "code,name\nA,B\n".getBytes(), today().plusDays(5)).with(as("admin")), 415);
        assertThat(call(upload("430102001001", file, today().plusDays(5)).with(as("admin")), 400).path("message").asString())
                .contains("street");
        call(upload("999999999", file, today().plusDays(5)).with(as("admin")), 404);
        assertThat(call(get("/api/duty/street-lists/" + street + "/items").param("on", "2025-13-01").with(as("admin")), 400)
                .path("message").asString()).contains("on");
        assertThat(call(get("/api/duty/street-lists/template/items").param("on", "2000-01-01").with(as("admin")), 404)
                .path("message").asString()).contains("2000-01-01");
        call(get("/api/duty/street-lists/versions/987654321").with(as("admin")), 404);
        assertThat(versions(street)).isZero();
    }

    private JsonNode inForce(String street, LocalDate on) throws Exception {
        return call(get("/api/duty/street-lists/" + street + "/items").param("on", on.toString()).with(as("admin")), 200);
    }

    private long versions(String street) throws Exception {
        return call(get("/api/duty/street-lists/" + street + "/versions").with(as("admin")), 200).path("total").asLong();
    }
}

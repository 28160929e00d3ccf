package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may do what: admins the template, a street's own staff its list, staff read within their scope. */
class StreetListAccessTest extends StreetListTestSupport {

    static final String DEMO_STREET = "430102001";

    @Test
    void aStreetsStaffImportTheirOwnListOnly() throws Exception {
        byte[] file = xlsx(new String[] { "S-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" });
        long before = versions(DEMO_STREET);
        JsonNode created = call(upload(DEMO_STREET, file, today().plusYears(100).plusDays((int) (Math.random() * 3000))).with(as("street")), 201);
        assertThat(created.path("version").path("importedBy").asString()).isEqualTo("street");
        assertThat(versions(DEMO_STREET)).isEqualTo(before + 1);

        String other = freshStreet();
        call(upload(other, file, today().plusDays(5)).with(as("street")), 403);
        call(upload("template", file, today().plusDays(5)).with(as("street")), 403);
        call(upload(DEMO_STREET, file, today().plusDays(5)).with(as("department")), 403);
        call(upload(DEMO_STREET, file, today().plusDays(5)).with(as("community")), 403);
        call(upload(DEMO_STREET, file, today().plusDays(5)).with(as("dispatcher")), 403);
        assertThat(versions(other)).isZero();
        assertThat(versions(DEMO_STREET)).isEqualTo(before + 1);
    }

    @Test
    void staffOfAnotherStreetAreRefusedItsListButReadTheTemplate() throws Exception {
        String other = freshStreet();
        String key = staffOf(other);
        byte[] file = xlsx(new String[] { "O-1", "供水核实", "《城市供水条例》", "配合", "水务", "WATER" });
        call(upload(DEMO_STREET, file, today().plusDays(7)).with(bearer(key)), 403);
        call(get("/api/duty/street-lists/" + DEMO_STREET + "/items").with(bearer(key)), 403);
        call(get("/api/duty/street-lists/" + DEMO_STREET + "/versions").with(bearer(key)), 403);
        long demoVersion = call(get("/api/duty/street-lists/" + DEMO_STREET).with(as("admin")), 200).path("inForce").path("id").asLong();
        call(get("/api/duty/street-lists/versions/" + demoVersion + "/export").with(bearer(key)), 403);
        assertThat(call(get("/api/duty/street-lists/template/items").with(bearer(key)), 200).path("version").path("template").asBoolean())
                .isTrue();
        // Their own street: it follows the template until they import a list; then it is listed for them, the demo street not.
        assertThat(call(get("/api/duty/street-lists/" + other + "/items").with(bearer(key)), 200).path("fromTemplate").asBoolean()).isTrue();
        call(upload(other, file, today().plusDays(7)).with(bearer(key)), 201);
        List<String> owners = texts(call(get("/api/duty/street-lists").param("size", "200").with(bearer(key)), 200).path("items"), "ownerCode");
        assertThat(owners).contains("430100", other).doesNotContain(DEMO_STREET);
        // The template is the administrators'.
        call(upload("template", file, today().plusDays(7)).with(bearer(key)), 403);
    }

    @Test
    void whoReadsWhat() throws Exception {
        call(get("/api/duty/street-lists/" + DEMO_STREET + "/items").with(as("community")), 200); // its street's list
        call(get("/api/duty/street-lists/" + DEMO_STREET + "/items").with(as("grid")), 200);
        call(get("/api/duty/street-lists/" + DEMO_STREET + "/items").with(as("dispatcher")), 200);
        call(get("/api/duty/street-lists/" + DEMO_STREET + "/items").with(as("department")), 403);
        call(get("/api/duty/street-lists/template/items").with(as("department")), 200);
        call(get("/api/duty/street-lists/template/items").with(as("resident")), 403);
        call(get("/api/duty/street-lists").with(as("courier")), 403);
        call(get("/api/duty/street-lists"), 401);
    }

    @Test
    void onlyAdministratorsEditTheTemplate() throws Exception {
        // A version far in the future: it leaves the template in force today (and for other tests) alone.
        String date = today().plusYears(150).plusDays((int) (Math.random() * 3000)).toString();
        byte[] file = xlsx(new String[] { "TPL-1", "矛盾调解", "《中华人民共和国人民调解法》", "主责", "", "NEIGHBOURS" });
        call(upload("template", file, date).with(as("dispatcher")), 403);
        call(upload("430100", file, date).with(as("leader")), 403);
        JsonNode created = call(upload("430100", file, date).with(as("admin")), 201);
        assertThat(created.path("version").path("ownerCode").asString()).isEqualTo("430100");
        assertThat(created.path("version").path("status").asString()).isEqualTo("SCHEDULED");
    }

    private String staffOf(String street) throws Exception {
        JsonNode account = call(json(post("/api/identity/accounts"), Map.of("username", unique("street-staff"), "displayName", "街道工作人员",
                "password", "a-long-password-1", "roles", List.of("UNIT_STAFF"), "divisions", List.of(street))).with(as("admin")), 201);
        return call(json(post("/api/identity/accounts/" + account.path("id").asLong() + "/api-keys"), Map.of()).with(as("admin")), 201)
                .path("apiKey").asString();
    }

    private long versions(String owner) throws Exception {
        return call(get("/api/duty/street-lists/" + owner + "/versions").with(as("admin")), 200).path("total").asLong();
    }
}

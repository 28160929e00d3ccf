package org.hemei.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class IdentityApiTest extends ApiTestSupport {

    @ParameterizedTest
    @CsvSource({ "admin,ADMIN", "dispatcher,DISPATCHER", "street,UNIT_STAFF", "community,UNIT_STAFF", "department,UNIT_STAFF",
            "grid,GRID_WORKER", "leader,LEADER", "party,PARTY_STAFF", "resident,RESIDENT", "courier,COURIER" })
    void eachDemoKeySignsInAsItsAccount(String account, String role) throws Exception {
        JsonNode me = call(get("/api/identity/me").with(as(account)), 200);
        assertThat(me.path("username").asString()).isEqualTo(account);
        assertThat(me.path("roles").size()).isEqualTo(1);
        assertThat(me.path("roles").get(0).asString()).isEqualTo(role);
    }

    @Test
    void demoScopesAreWhatTheDemoDescribes() throws Exception {
        assertThat(call(get("/api/identity/me").with(as("street")), 200).path("scope").path("divisionCodes").get(0).asString())
                .isEqualTo("430102001");
        assertThat(call(get("/api/identity/me").with(as("party")), 200).path("scope").path("divisionCodes").get(0).asString())
                .isEqualTo("430102001");
        assertThat(call(get("/api/identity/me").with(as("grid")), 200).path("scope").path("divisionCodes").get(0).asString())
                .isEqualTo("430102001001001");
        assertThat(call(get("/api/identity/me").with(as("resident")), 200).path("scope").path("divisionCodes").size()).isZero();
    }

    @Test
    void anInvalidKeyIs401JsonNotAnonymous() throws Exception {
        assertApiError(call(get("/api/identity/me").with(bearer("demo-nobody")), 401), 401);
        assertApiError(call(get("/api/identity/me"), 401), 401);
    }

    static Map<String, Object> account(String username, String password, String role) {
        Map<String, Object> m = new HashMap<>();
        m.put("username", username);
        m.put("displayName", "测试账号 " + username);
        m.put("password", password);
        m.put("roles", List.of(role));
        m.put("divisions", List.of("430102001"));
        return m;
    }

    @Test
    void adminCreatesAccountsAndIssuesKeysThatWork() throws Exception {
        String username = unique("t.user");
        JsonNode created = call(json(post("/api/identity/accounts"), account(username, "s3cret!", "GRID_WORKER")).with(as("admin")), 201);
        long id = created.path("id").asLong();
        assertThat(created.path("username").asString()).isEqualTo(username);
        assertThat(created.toString()).doesNotContain("passwordHash").doesNotContain("s3cret");

        assertApiError(call(json(post("/api/identity/accounts"), account(username, "other", "RESIDENT")).with(as("admin")), 409), 409);
        assertApiError(call(json(post("/api/identity/accounts"), account("bad name!", "pass", "RESIDENT")).with(as("admin")), 400), 400);
        assertApiError(call(json(post("/api/identity/accounts"), account(unique("x"), "pass", "RESIDENT")).with(as("dispatcher")), 403), 403);

        JsonNode issued = call(json(post("/api/identity/accounts/" + id + "/api-keys"), Map.of("label", "test")).with(as("admin")), 201);
        String key = issued.path("apiKey").asString();
        assertThat(key).startsWith("hm_");
        JsonNode me = call(get("/api/identity/me").with(bearer(key)), 200);
        assertThat(me.path("username").asString()).isEqualTo(username);
        assertThat(me.path("roles").get(0).asString()).isEqualTo("GRID_WORKER");
        // The key acts with the account's roles: a grid worker is not an administrator.
        assertApiError(call(get("/api/identity/accounts").with(bearer(key)), 403), 403);
    }

    @Test
    void adminUpdatesAnAccountWithOptimisticLocking() throws Exception {
        String username = unique("t.upd");
        JsonNode created = call(json(post("/api/identity/accounts"), account(username, "pass", "RESIDENT")).with(as("admin")), 201);
        long id = created.path("id").asLong();
        Map<String, Object> change = account(username, null, "LEADER");
        change.put("version", created.path("version").asInt());
        JsonNode updated = call(json(put("/api/identity/accounts/" + id), change).with(as("admin")), 200);
        assertThat(updated.path("roles").get(0).asString()).isEqualTo("LEADER");
        assertApiError(call(json(put("/api/identity/accounts/" + id), change).with(as("admin")), 409), 409);
        // An update without the version it read would overwrite another administrator's edit unseen: refused.
        change.remove("version");
        assertThat(call(json(put("/api/identity/accounts/" + id), change).with(as("admin")), 400).path("message").asString())
                .contains("version");
        // What the columns and bcrypt cannot keep is refused with a message, not a 500; nothing is written.
        Map<String, Object> tooLong = account(unique("t.long"), "pass", "RESIDENT");
        tooLong.put("displayName", "名".repeat(81));
        assertThat(call(json(post("/api/identity/accounts"), tooLong).with(as("admin")), 400).path("message").asString())
                .contains("displayName", "80");
        Map<String, Object> longPassword = account(unique("t.pw"), "密".repeat(25), "RESIDENT");
        assertThat(call(json(post("/api/identity/accounts"), longPassword).with(as("admin")), 400).path("message").asString())
                .contains("72");
        Map<String, Object> nullScope = account(unique("t.null"), "pass", "RESIDENT");
        nullScope.put("divisions", java.util.Arrays.asList((String) null));
        assertApiError(call(json(post("/api/identity/accounts"), nullScope).with(as("admin")), 400), 400);
        assertThat(call(json(post("/api/identity/accounts/" + id + "/api-keys"), Map.of("label", "k".repeat(81))).with(as("admin")), 400)
                .path("message").asString()).contains("label");
        assertThat(texts(call(get("/api/identity/accounts").param("q", "t.long").with(as("admin")), 200).path("items"), "username"))
                .noneMatch(u -> u.startsWith("t.long"));

        JsonNode list = call(get("/api/identity/accounts").param("q", username).with(as("admin")), 200);
        assertThat(texts(list.path("items"), "username")).containsExactly(username);
    }
}

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

        JsonNode list = call(get("/api/identity/accounts").param("q", username).with(as("admin")), 200);
        assertThat(texts(list.path("items"), "username")).containsExactly(username);
    }
}

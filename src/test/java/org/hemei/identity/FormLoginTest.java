package org.hemei.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** Form sign-in on fresh accounts, so the shared demo accounts are never locked. */
class FormLoginTest extends ApiTestSupport {

    private String newAccount() throws Exception {
        String username = unique("t.login");
        call(json(post("/api/identity/accounts"), IdentityApiTest.account(username, "right-pw", "RESIDENT")).with(as("admin")), 201);
        return username;
    }

    private MvcResult signIn(String username, String password) throws Exception {
        return mvc.perform(post("/login").param("username", username).param("password", password).with(csrf())).andReturn();
    }

    private static String redirect(MvcResult r) {
        assertThat(r.getResponse().getStatus()).isEqualTo(302);
        return r.getResponse().getRedirectedUrl();
    }

    @Test
    void anOpenSessionFollowsItsAccountRolesChangedTakeEffectDisabledSignsOut() throws Exception {
        String user = newAccount();
        MockHttpSession session = (MockHttpSession) signIn(user, "right-pw").getRequest().getSession(false);
        assertThat(mvc.perform(get("/casework/intake").session(session)).andReturn().getResponse().getStatus()).isEqualTo(403);

        JsonNode account = call(get("/api/identity/accounts").param("q", user).with(as("admin")), 200).path("items").get(0);
        java.util.Map<String, Object> change = IdentityApiTest.account(user, null, "DISPATCHER");
        change.put("version", account.path("version").asInt());
        JsonNode changed = call(json(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                "/api/identity/accounts/" + account.path("id").asLong()), change).with(as("admin")), 200);
        // the same session, without signing in again, now works as a dispatcher
        assertThat(mvc.perform(get("/casework/intake").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);

        change.put("enabled", false);
        change.put("version", changed.path("version").asInt());
        call(json(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put(
                "/api/identity/accounts/" + account.path("id").asLong()), change).with(as("admin")), 200);
        MvcResult after = mvc.perform(get("/casework/intake").session(session)).andReturn();
        assertThat(after.getResponse().getStatus()).isEqualTo(302);
        assertThat(after.getResponse().getRedirectedUrl()).endsWith("/login");
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void goodPasswordGoesHomeAndOpensAuthenticatedPages() throws Exception {
        String user = newAccount();
        MvcResult r = signIn(user, "right-pw");
        assertThat(redirect(r)).isEqualTo("/");
        MockHttpSession session = (MockHttpSession) r.getRequest().getSession(false);
        assertThat(mvc.perform(get("/").session(session)).andReturn().getResponse().getStatus()).isEqualTo(200);
        // The page session also works for the JSON API, as the browser's fetch calls use it.
        JsonNode me = JSON.readTree(mvc.perform(get("/api/identity/me").session(session)).andReturn().getResponse().getContentAsString());
        assertThat(me.path("username").asString()).isEqualTo(user);
    }

    @Test
    void wrongPasswordOrUnknownUserGoesBackToTheFormWithAnError() throws Exception {
        String user = newAccount();
        assertThat(redirect(signIn(user, "wrong"))).isEqualTo("/login?error");
        assertThat(redirect(signIn(unique("nobody"), "wrong"))).isEqualTo("/login?error");
    }

    @Test
    void fourFailuresDoNotLockButFiveDo() throws Exception {
        String lucky = newAccount();
        for (int i = 0; i < 4; i++) assertThat(redirect(signIn(lucky, "wrong"))).isEqualTo("/login?error");
        assertThat(redirect(signIn(lucky, "right-pw"))).as("after 4 failures").isEqualTo("/");

        String unlucky = newAccount();
        for (int i = 0; i < 5; i++) signIn(unlucky, "wrong");
        assertThat(redirect(signIn(unlucky, "right-pw"))).as("after 5 failures").isEqualTo("/login?locked");
        assertThat(redirect(signIn(lucky, "right-pw"))).as("other accounts unaffected").isEqualTo("/");
    }

    @Test
    void signInWithoutCsrfTokenIsRefused() throws Exception {
        String user = newAccount();
        int status = mvc.perform(post("/login").param("username", user).param("password", "right-pw")).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403);
    }

    @Test
    void signInsAndFailuresAreAudited() throws Exception {
        String user = newAccount();
        signIn(user, "wrong");
        signIn(user, "right-pw");
        JsonNode items = call(get("/api/identity/audit").param("q", "account:" + user).with(as("admin")), 200).path("items");
        List<String> actions = new ArrayList<>();
        for (JsonNode e : items) {
            if (e.path("actor").asString().equals(user)) actions.add(e.path("action").asString());
        }
        assertThat(actions).containsOnlyOnce("SIGN_IN", "SIGN_IN_FAILED");
    }

    @Test
    void pagesRedirectAnonymousVisitorsToTheSignInForm() throws Exception {
        MvcResult r = mvc.perform(get("/")).andReturn();
        assertThat(redirect(r)).endsWith("/login");
        assertThat(mvc.perform(get("/login")).andReturn().getResponse().getStatus()).isEqualTo(200);
    }
}

package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CheckInAppsTest extends ApiTestSupport {

    @Test
    void demoAppsAndThePage() throws Exception {
        JsonNode removed = call(get("/api/duty/check-in-apps").param("removed", "true").with(as("community")), 200);
        assertThat(texts(removed, "name")).contains("创文迎检小程序（示例）");
        var session = (org.springframework.mock.web.MockHttpSession) mvc.perform(post("/login").param("username", "community")
                .param("password", "demo").with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andReturn().getRequest().getSession(false);
        var res = mvc.perform(get("/duty").session(session)).andReturn().getResponse();
        assertThat(res.getStatus()).isEqualTo(200);
        String page = res.getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("依法履行职责事项", "调解民间纠纷", "减负清单", "无犯罪记录证明", "创文迎检小程序（示例）", "示例");
        // each list folded under its name and size; a search opens only the lists it found in
        assertThat(page).contains("id=\"duty-legal\"", "id=\"duty-certificates\"").doesNotContain(" open");
        String found = mvc.perform(get("/duty").param("q", "婚姻").session(session)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(found).contains("id=\"duty-certificates\" open", "婚姻状况证明").doesNotContain("调解民间纠纷", "id=\"duty-legal\"", "无犯罪记录证明");
        assertThat(mvc.perform(get("/duty").param("q", "没有这种事").session(session)).andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8)).contains("id=\"duty-none\"", "没有含「没有这种事」的事项");
        String home = mvc.perform(get("/").session(session)).andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(home).contains("/duty");
    }

    @Test
    void registerAndRemove() throws Exception {
        String name = unique("某某通（示例）");
        JsonNode app = call(json(post("/api/duty/check-in-apps"), Map.of("name", name, "owner", "示例局", "purpose", "每日巡查打卡"))
                .with(as("admin")), 201);
        long id = app.path("id").asLong();
        assertThat(app.path("removed").asBoolean()).isFalse();
        assertThat(texts(call(get("/api/duty/check-in-apps").param("removed", "false").with(as("community")), 200), "name")).contains(name);
        call(json(post("/api/duty/check-in-apps"), Map.of("name", name, "owner", "x")).with(as("department")), 403);
        assertThat(call(json(post("/api/duty/check-in-apps"), Map.of("name", name)).with(as("admin")), 400)
                .path("message").asString()).contains("owner");

        assertThat(call(json(post("/api/duty/check-in-apps/" + id + "/remove"), Map.of()).with(as("admin")), 400)
                .path("message").asString()).contains("reason");
        JsonNode removed = call(json(post("/api/duty/check-in-apps/" + id + "/remove"), Map.of("reason", "功能并入统一平台"))
                .with(as("admin")), 200);
        assertThat(removed.path("removed").asBoolean()).isTrue();
        assertThat(removed.path("removedReason").asString()).isEqualTo("功能并入统一平台");
        call(json(post("/api/duty/check-in-apps/" + id + "/remove"), Map.of("reason", "again")).with(as("admin")), 409);
        assertThat(texts(call(get("/api/duty/check-in-apps").param("removed", "true").with(as("street")), 200), "name")).contains(name);
        assertThat(texts(call(get("/api/duty/check-in-apps").param("removed", "false").with(as("street")), 200), "name")).doesNotContain(name);
        call(get("/api/duty/check-in-apps").param("removed", "maybe").with(as("street")), 400);
        call(get("/api/duty/check-in-apps").with(as("resident")), 403);
    }
}

package org.hemei.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import org.hemei.ApiTestSupport;
import org.hemei.triage.internal.TinyData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** The administrators' model page: upload and train with progress, refusals shown, activation, CSRF, admins only. */
class TriagePagesTest extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TriageModels models;

    @BeforeEach
    void onlyThisTestsExamples() {
        jdbc.sql("delete from triage_example where source <> 'upload'").update();
    }

    private String html(MvcResult r) throws Exception {
        return r.getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void anAdministratorUploadsWatchesTheTrainingAndActivatesTheVersion() throws Exception {
        MockHttpSession admin = signIn("admin");
        assertThat(html(mvc.perform(get("/triage/models").session(admin)).andReturn())).contains("upload-form", "retrain-form", "诉求分类模型");

        byte[] csv = TinyData.csv(TinyData.messages(30, 51)).getBytes(StandardCharsets.UTF_8);
        MvcResult started = mvc.perform(multipart("/triage/models/upload").file(new MockMultipartFile("file", "tiny.csv", "text/csv", csv))
                .param("replace", "true").session(admin).with(csrf())).andReturn();
        long first = awaitDone(admin, started);
        assertThat(models.training(first).reason()).isEqualTo("UPLOAD");

        // a second version, retrained, is not active until the administrator activates it
        long second = awaitDone(admin, mvc.perform(post("/triage/models/retrain").session(admin).with(csrf())).andReturn());
        long modelId = models.training(second).modelId();
        String page = html(mvc.perform(get("/triage/models?training=" + second).session(admin)).andReturn());
        assertThat(page).contains("id=\"versions\"", "/triage/models/" + modelId + "/activate", "id=\"versions-pager\"");
        long versions = models.versions(0, 1).total();
        assertThat(versions).isGreaterThanOrEqualTo(2);
        assertThat(page).contains("共 " + versions + " 条");
        MvcResult activated = mvc.perform(post("/triage/models/" + modelId + "/activate").session(admin).with(csrf())).andReturn();
        assertThat(activated.getResponse().getRedirectedUrl()).isEqualTo("/triage/models");
        assertThat(models.versions(0, 100).items().stream().filter(TriageModels.ModelVersion::active).findFirst().orElseThrow().id()).isEqualTo(modelId);
        assertThat(html(mvc.perform(get("/triage/models?lang=en").session(admin)).andReturn())).contains("Demand category models", "Active");
    }

    /** Follows a form's redirect to its training and polls the progress fragment until it says done; returns the training. */
    private long awaitDone(MockHttpSession admin, MvcResult started) throws Exception {
        String location = started.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/triage/models?training=");
        long id = Long.parseLong(location.substring(location.indexOf('=') + 1));
        String fragment = html(mvc.perform(get("/triage/trainings/" + id + "/progress").session(admin)).andReturn());
        assertThat(fragment).contains("training-progress", "<progress");
        for (int i = 0; i < 600 && !fragment.contains("已完成"); i++) {
            Thread.sleep(100);
            fragment = html(mvc.perform(get("/triage/trainings/" + id + "/progress").session(admin)).andReturn());
        }
        assertThat(fragment).contains("已完成", "第 7 / 7 步").doesNotContain("hx-trigger");
        return id;
    }

    @Test
    void aBadFileIsShownAndNothingStarts() throws Exception {
        MockHttpSession admin = signIn("admin");
        long before = jdbc.sql("select count(*) from triage_training").query(Long.class).single();
        byte[] bad = "id,title,body,label\n1,公交,站台,交通运输\n2,噪音,工地\n".getBytes(StandardCharsets.UTF_8);
        MvcResult refused = mvc.perform(multipart("/triage/models/upload").file(new MockMultipartFile("file", "bad.csv", "text/csv", bad))
                .session(admin).with(csrf())).andReturn();
        assertThat(refused.getResponse().getRedirectedUrl()).isEqualTo("/triage/models");
        String page = html(mvc.perform(get("/triage/models").session(admin)
                .flashAttrs(refused.getFlashMap())).andReturn());
        assertThat(page).contains("triage-error", "bad.csv, line 3");
        assertThat(jdbc.sql("select count(*) from triage_training").query(Long.class).single()).isEqualTo(before);

        int status = mvc.perform(multipart("/triage/models/upload").file(new MockMultipartFile("file", "x.csv", "text/csv", bad))
                .session(admin)).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(403); // no CSRF token
    }

    @Test
    void onlyAdministratorsOpenIt() throws Exception {
        for (String user : new String[] { "dispatcher", "street", "resident" }) {
            MockHttpSession s = signIn(user);
            assertThat(mvc.perform(get("/triage/models").session(s)).andReturn().getResponse().getStatus()).isEqualTo(403);
            assertThat(mvc.perform(post("/triage/models/retrain").session(s).with(csrf())).andReturn().getResponse().getStatus()).isEqualTo(403);
        }
    }
}

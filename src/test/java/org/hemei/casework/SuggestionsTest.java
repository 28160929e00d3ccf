package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Triage at intake: the proposal shown to the operator, and the dispatcher's confirmation or correction on record. */
class SuggestionsTest extends ApiTestSupport {

    static final String[][] WORDS = { { "环境保护", "油烟", "噪音", "排放", "污水" }, { "交通运输", "公交", "站台", "地铁", "班次" },
            { "教育文体", "学校", "学位", "入学", "老师" } };

    @Autowired
    JdbcClient jdbc;

    /**
     * A tiny model of three groups with their own words, made active for these tests. The registrations below add
     * training examples (油烟 registered as TRAFFIC on purpose); they are removed first so each model learns the
     * groups alone.
     */
    @BeforeEach
    void tinyModel() throws Exception {
        jdbc.sql("delete from triage_example where source <> 'upload'").update();
        StringBuilder csv = new StringBuilder("id,title,body,label\n");
        int id = 0;
        for (String[] group : WORDS) {
            for (int i = 0; i < 12; i++) {
                String a = group[1 + i % 4], b = group[1 + (i + 1) % 4];
                csv.append(id++).append(",反映").append(a).append("问题,\"小区附近").append(a).append("和").append(b).append("，希望处理\",")
                        .append(group[0]).append('\n');
            }
        }
        JsonNode model = call(post("/api/triage/models").with(as("admin")).contentType("text/csv").header("X-File-Name", "groups.csv")
                .content(csv.toString().getBytes(StandardCharsets.UTF_8)), 202);
        call(post("/api/triage/models/" + trainedModel(model).path("id").asLong() + "/activate").with(as("admin")), 200);
    }

    @Test
    void theOperatorSeesTheProposedGroupItsCategoriesAndThePlace() throws Exception {
        JsonNode s = call(json(post("/api/casework/suggestions").with(as("dispatcher")),
                Map.of("title", "饭店油烟扰民", "text", "识字里社区楼下饭店油烟排放严重，晚上噪音也大")), 200);
        assertThat(s.path("group").asString()).isEqualTo("环境保护");
        assertThat(texts(s.path("categories"), "code")).contains("NOISE", "POLLUTION", "SANITATION").doesNotContain("TRAFFIC");
        assertThat(s.path("place").path("code").asString()).isEqualTo("430102001001");
        call(json(post("/api/casework/suggestions").with(as("resident")), Map.of("text", "x")), 403);
    }

    @Test
    void theCategoriesTheDemandNamesComeFirstAndThoseOfOtherGroupsAreOfferedToo() throws Exception {
        JsonNode s = call(json(post("/api/casework/suggestions").with(as("dispatcher")),
                Map.of("title", "饭店油烟", "text", "楼下饭店油烟排放严重，晚上噪音也大")), 200);
        // 油烟 + 排放 (污染排放) name more of the demand than 噪音 (噪声扰民); 环境卫生 is not named but still offered
        assertThat(texts(s.path("categories"), "code")).containsExactly("POLLUTION", "NOISE", "SANITATION");
        assertThat(s.path("categories").findValues("named")).extracting(JsonNode::asBoolean).containsExactly(true, true, false);
        assertThat(s.path("elsewhere")).isEmpty();

        JsonNode other = call(json(post("/api/casework/suggestions").with(as("dispatcher")),
                Map.of("title", "公交站台", "text", "公交站台旁边垃圾堆放好几天了，地铁口也是")), 200);
        assertThat(other.path("group").asString()).isEqualTo("交通运输");
        assertThat(texts(other.path("elsewhere"), "code")).first().isEqualTo("SANITATION");
    }

    @Test
    void aCorrectionAtRegistrationIsRecordedAndBecomesTrainingData() throws Exception {
        String text = "识字里社区门口公交站台被占用" + unique("");
        JsonNode order = call(json(post("/api/casework/orders").with(as("resident")), Map.of("title", "站台油烟", "text", text)), 201);
        long id = order.path("id").asLong();
        JsonNode registered = call(json(post("/api/casework/orders/" + id + "/register").with(as("dispatcher")),
                Map.of("category", "TRAFFIC", "divisionCode", "430102001001")), 200);
        assertThat(registered.path("divisionCode").asString()).isEqualTo("430102001001");
        String note = registered.path("timeline").get(1).path("note").asString();
        // The proposal made at intake was stored with the order, so the dispatcher's choice is recorded against it, in words.
        assertThat(note).contains("建议类别「", "登记为「交通出行」", "registered as Transport and traffic", "确认建议地点「识字里社区居委会」")
                .doesNotContain("TRAFFIC", "430102001001");
        String page = mvc.perform(get("/casework/orders/" + id).session(signIn("dispatcher"))).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8);
        assertThat(page.substring(page.indexOf("class=\"timeline\""))).contains("登记为「交通出行」").doesNotContain("registered as");
        long examples = jdbc.sql("select count(*) from triage_example where source = 'casework' and body = ? and label = '交通运输'")
                .param(text).query(Long.class).single();
        assertThat(examples).isEqualTo(1);
        assertApiError(call(json(post("/api/casework/orders/" + id + "/register").with(as("dispatcher")),
                Map.of("category", "TRAFFIC")), 409), 409);
    }

    @Test
    void theProposalIsStoredAfterTheAnswerAndTheAnswerIsWhatWasStored() throws Exception {
        String text = "识字里社区门口公交站台班次太少" + unique("");
        JsonNode answer = call(json(post("/api/casework/orders").with(as("resident")), Map.of("title", "公交站台", "text", text)), 201);
        long id = answer.path("id").asLong();
        // The answer's timeline comes from memory: it must read exactly as the stored one.
        JsonNode stored = call(get("/api/casework/orders/" + id).with(as("resident")), 200);
        assertThat(answer.path("timeline")).isEqualTo(stored.path("timeline")).hasSize(1);
        // Triaged after commit, off the request: the proposal arrives with the order within moments.
        long deadline = System.currentTimeMillis() + 10_000;
        String group = null;
        while (group == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            group = jdbc.sql("select suggested_group from work_order where id = ?").param(id).query(String.class).optional().orElse(null);
        }
        assertThat(group).isEqualTo("交通运输");
        assertThat(jdbc.sql("select suggested_division from work_order where id = ?").param(id).query(String.class).single())
                .isEqualTo("430102001001");
    }

    @Test
    void aHotlineRegistrationAtIntakeIsRecordedAgainstTheProposal() throws Exception {
        JsonNode order = call(json(post("/api/casework/orders").with(as("dispatcher")), Map.of("title", "饭店油烟", "text",
                "识字里社区楼下饭店油烟排放严重" + unique(""), "category", "TRAFFIC")), 201);
        assertThat(order.path("status").asString()).isEqualTo("REGISTERED");
        assertThat(order.path("timeline").get(1).path("note").asString()).contains("更正建议类别「环境保护」为「交通运输」，登记为「交通出行」");
    }

    @Test
    void anUnknownPlaceAtRegistrationIsRefused() throws Exception {
        long id = call(json(post("/api/casework/orders").with(as("resident")), Map.of("text", "路灯不亮")), 201).path("id").asLong();
        assertThat(call(json(post("/api/casework/orders/" + id + "/register").with(as("dispatcher")),
                Map.of("category", "ROAD", "divisionCode", "999999999")), 400).path("message").asString()).contains("999999999");
    }
}

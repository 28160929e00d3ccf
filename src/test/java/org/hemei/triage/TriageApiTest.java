package org.hemei.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.hemei.triage.internal.ModelStore;
import org.hemei.triage.internal.TinyData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The triage API through MockMvc: training from an uploaded CSV, activation, classify, locate-text, refusals. */
class TriageApiTest extends ApiTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    /**
     * Casework adds every confirmed registration as a training example; in the shared test database those come
     * from other tests. This test trains on exactly its own upload.
     */
    @org.junit.jupiter.api.BeforeEach
    void onlyThisTestsExamples() {
        jdbc.sql("delete from triage_example where source <> 'upload'").update();
    }

    private JsonNode upload(String csv, int status) throws Exception {
        return call(post("/api/triage/models").with(as("admin")).contentType("text/csv")
                .header("X-File-Name", "tiny.csv").content(csv.getBytes(StandardCharsets.UTF_8)), status);
    }

    @Test
    void administratorsTrainAndActivateStaffClassify() throws Exception {
        JsonNode accepted = upload(TinyData.csv(TinyData.messages(30, 11)), 202);
        assertThat(accepted.path("examplesRead").asInt()).isEqualTo(90);
        assertThat(accepted.path("training").path("reason").asString()).isEqualTo("UPLOAD");
        assertThat(accepted.path("training").path("stepsTotal").asInt()).isEqualTo(7); // model, 5 folds, save
        JsonNode model = trainedModel(accepted);
        assertThat(model.path("labels")).hasSize(3);
        assertThat(model.path("metrics").path("cv_macro_f1").asDouble()).isGreaterThan(0.8);
        assertThat(model.path("trainingSize").asInt()).isGreaterThanOrEqualTo(90);

        JsonNode activated = call(post("/api/triage/models/" + model.path("id").asLong() + "/activate").with(as("admin")), 200);
        assertThat(activated.path("active").asBoolean()).isTrue();
        JsonNode versions = call(get("/api/triage/models").param("size", "200").with(as("admin")), 200).path("items");
        assertThat(versions.findValues("active").stream().filter(JsonNode::asBoolean)).hasSize(1);

        JsonNode c = call(json(post("/api/triage/classify").with(as("dispatcher")),
                Map.of("title", "公交站台太远", "body", "希望增加班次，司机态度也要改进")), 200);
        assertThat(c.path("category").asString()).isEqualTo("交通运输");
        assertThat(c.path("unsure").asBoolean()).isFalse();
        assertThat(c.path("confidence").asDouble()).isGreaterThan(0.5);
        assertThat(c.path("top")).hasSize(3);
        assertThat(c.path("top").get(0).path("category").asString()).isEqualTo("交通运输");
        assertThat(c.path("words").size()).isPositive();
        assertThat(c.path("modelVersion").asInt()).isEqualTo(activated.path("version").asInt());

        JsonNode unsure = call(json(post("/api/triage/classify").with(as("grid")), Map.of("body", "xyz qqq")), 200);
        assertThat(unsure.path("unsure").asBoolean()).isTrue();
        assertThat(unsure.path("category").isNull()).isTrue();
        assertThat(unsure.path("top")).hasSize(3);

        assertApiError(call(json(post("/api/triage/classify").with(as("dispatcher")), Map.of("title", " ")), 400), 400);
        assertApiError(call(json(post("/api/triage/classify").with(as("resident")), Map.of("title", "公交")), 403), 403);

        JsonNode retrained = trainedModel(call(post("/api/triage/models/retrain").with(as("admin")), 202));
        assertThat(retrained.path("version").asInt()).isGreaterThan(activated.path("version").asInt());
        assertThat(retrained.path("active").asBoolean()).isFalse();

        // two administrators activating different versions at the same moment leave exactly one active
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                var start = new java.util.concurrent.CountDownLatch(1);
                var both = java.util.stream.Stream.of(activated, retrained).map(v -> pool.submit(() -> {
                    start.await();
                    return call(post("/api/triage/models/" + v.path("id").asLong() + "/activate").with(as("admin")), 200);
                })).toList();
                start.countDown();
                for (var f : both) f.get();
                JsonNode now = call(get("/api/triage/models").param("size", "200").with(as("admin")), 200).path("items");
                assertThat(now.findValues("active").stream().filter(JsonNode::asBoolean)).as("round " + round).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBadTrainingFileIsRefusedNamingTheLine() throws Exception {
        JsonNode error = upload("id,title,body,label\n1,公交,站台,交通运输\n2,噪音,工地\n", 422);
        assertApiError(error, 422);
        assertThat(error.path("message").asString()).contains("tiny.csv, line 3");
        assertApiError(call(post("/api/triage/models").with(as("dispatcher")).contentType("text/csv").content("x"), 403), 403);
        assertApiError(call(post("/api/triage/models/999999/activate").with(as("admin")), 404), 404);
    }

    @Test
    void unlabelledMessagesFeedSelfTrainingAndStayOutOfTheLabelledExamples() throws Exception {
        trainedModel(upload(TinyData.csv(TinyData.messages(30, 21)), 202));
        String unlabelled = "title,body\n" + String.join("\n", TinyData.messages(20, 22).stream()
                .map(t -> t.title() + "轻轨," + t.body()).toList()) + "\n";
        JsonNode read = call(post("/api/triage/unlabelled").with(as("admin")).contentType("text/csv")
                .header("X-File-Name", "u.csv").content(unlabelled.getBytes(StandardCharsets.UTF_8)), 201);
        assertThat(read.path("messagesRead").asInt()).isEqualTo(60);

        JsonNode model = trainedModel(call(post("/api/triage/models/retrain").with(as("admin")), 202));
        assertThat(model.path("labels")).hasSize(3); // the unlabelled messages are no category of their own
        assertThat(model.path("trainingSize").asInt()).isEqualTo(90);
        assertThat(model.path("metrics").path("unlabelled_uploaded").asInt()).isEqualTo(60);
        // kept after near-copies are dropped, with the demands casework received (other tests' orders)
        assertThat(model.path("metrics").path("unlabelled").asInt()).isBetween(1, 60 + model.path("metrics").path("unlabelled_orders").asInt());
        assertThat(model.path("metrics").path("cv_macro_f1").asDouble()).isGreaterThan(0.8);

        JsonNode bad = call(post("/api/triage/unlabelled").with(as("admin")).contentType("text/csv")
                .header("X-File-Name", "u.csv").content("title,text\n公交,站台\n".getBytes(StandardCharsets.UTF_8)), 422);
        assertThat(bad.path("message").asString()).contains("u.csv").contains("body");
        assertApiError(call(post("/api/triage/unlabelled").with(as("admin")).contentType("text/csv").content(new byte[0]), 400), 400);
        assertApiError(call(post("/api/triage/unlabelled").with(as("dispatcher")).contentType("text/csv").content("x"), 403), 403);
        Long stored = jdbc.sql("select count(*) from triage_example where source = 'unlabelled'").query(Long.class).single();
        assertThat(stored).isEqualTo(60L); // the refused uploads changed nothing
    }

    @Test
    void trainingRunsInTheBackgroundOneAtATimeWithItsProgress() throws Exception {
        JsonNode first = upload(TinyData.csv(TinyData.messages(30, 31)), 202);
        JsonNode second = call(post("/api/triage/models/retrain").with(as("admin")), 409);
        assertApiError(second, 409);
        assertThat(second.path("message").asString()).contains("#" + first.path("training").path("id").asLong());
        long stored = jdbc.sql("select count(*) from triage_example where source = 'upload'").query(Long.class).single();
        assertApiError(upload(TinyData.csv(TinyData.messages(5, 32)), 409), 409);
        assertThat(jdbc.sql("select count(*) from triage_example where source = 'upload'").query(Long.class).single())
                .isEqualTo(stored); // refused before anything was stored
        JsonNode model = trainedModel(first);

        JsonNode done = call(get("/api/triage/trainings/" + first.path("training").path("id").asLong()).with(as("admin")), 200);
        assertThat(done.path("modelVersion").asInt()).isEqualTo(model.path("version").asInt());
        assertThat(done.path("createdBy").asString()).isEqualTo("admin");
        assertThat(done.path("finishedAt").isNull()).isFalse();
        JsonNode page = call(get("/api/triage/trainings?size=1").with(as("admin")), 200);
        assertThat(page.path("items")).hasSize(1);
        assertThat(page.path("items").get(0).path("id").asLong()).isEqualTo(done.path("id").asLong());
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(1);

        assertApiError(call(get("/api/triage/trainings/999999").with(as("admin")), 404), 404);
        assertApiError(call(get("/api/triage/trainings").with(as("dispatcher")), 403), 403);
        assertApiError(call(post("/api/triage/models/retrain").with(as("dispatcher")), 403), 403);
    }

    @Test
    void anUploadOfOneCategoryIsRefusedAndChangesNothing() throws Exception {
        trainedModel(upload(TinyData.csv(TinyData.messages(30, 41)), 202));
        long before = jdbc.sql("select count(*) from triage_training").query(Long.class).single();
        JsonNode refused = upload("id,title,body,label\n1,公交,站台太远,交通运输\n2,地铁,班次太少,交通运输\n", 422);
        assertThat(refused.path("message").asString()).contains("两个类别");
        assertThat(jdbc.sql("select count(*) from triage_training").query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from triage_example where source = 'upload'").query(Long.class).single()).isEqualTo(90L);
    }

    @Test
    void aTrainingWhoseServerStoppedReadsInterruptedAndGivesTheSlotUp() throws Exception {
        trainedModel(upload(TinyData.csv(TinyData.messages(30, 51)), 202));
        long gone = otherServersTraining(ModelStore.STALE.plusMinutes(4));
        JsonNode read = call(get("/api/triage/trainings/" + gone).with(as("admin")), 200);
        assertThat(read.path("status").asString()).isEqualTo("INTERRUPTED");
        assertThat(read.path("stepsDone").asInt()).isEqualTo(3);
        assertThat(read.path("finishedAt").isNull()).isFalse();

        trainedModel(call(post("/api/triage/models/retrain").with(as("admin")), 202)); // the slot was free
        assertThat(jdbc.sql("select status from triage_training where id = ?").param(gone).query(String.class).single()).isEqualTo("INTERRUPTED");
        assertThat(jdbc.sql("select count(*) from triage_training where id = ? and slot is null").param(gone).query(Long.class).single()).isEqualTo(1L);
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void aServerThatStopsEndsItsTrainingAndFreesTheSlotAtOnce() throws Exception {
        trainedModel(upload(TinyData.csv(TinyData.messages(30, 71)), 202));
        TriageModels server = new TriageModels(context.getBean(ModelStore.class), context.getBean(TrainingExamples.class),
                context.getBean(org.hemei.identity.AuditLog.class), context.getBean(Triage.class), context.getBeanProvider(UnlabelledTexts.class),
                context.getBean(org.springframework.transaction.PlatformTransactionManager.class));
        long id = server.startTraining("RETRAIN").id();
        server.stop(); // as at a restart: the training had not finished

        JsonNode read = call(get("/api/triage/trainings/" + id).with(as("admin")), 200);
        assertThat(read.path("status").asString()).isEqualTo("INTERRUPTED");
        assertThat(read.path("error").asString()).contains("the server stopped");
        assertThat(read.path("finishedAt").isNull()).isFalse();
        trainedModel(call(post("/api/triage/models/retrain").with(as("admin")), 202)); // free at once, not after a minute
        assertThat(call(get("/api/triage/trainings/" + id).with(as("admin")), 200).path("status").asString()).isEqualTo("INTERRUPTED");
    }

    @Test
    void aTrainingRunningOnAnotherServerHoldsTheSlot() throws Exception {
        trainedModel(upload(TinyData.csv(TinyData.messages(30, 61)), 202));
        long elsewhere = otherServersTraining(Duration.ZERO);
        try {
            JsonNode refused = call(post("/api/triage/models/retrain").with(as("admin")), 409);
            assertThat(refused.path("message").asString()).contains("#" + elsewhere);
            long stored = jdbc.sql("select count(*) from triage_example where source = 'upload'").query(Long.class).single();
            assertApiError(upload(TinyData.csv(TinyData.messages(5, 62)), 409), 409);
            assertThat(jdbc.sql("select count(*) from triage_example where source = 'upload'").query(Long.class).single()).isEqualTo(stored);
            assertThat(call(get("/api/triage/trainings/" + elsewhere).with(as("admin")), 200).path("status").asString()).isEqualTo("RUNNING");
        } finally {
            jdbc.sql("update triage_training set status = 'DONE', slot = null, finished_at = updated_at where id = ?").param(elsewhere).update();
        }
    }

    /** A training another server runs (or ran until {@code ago}, when it stopped touching it), holding the slot. */
    private long otherServersTraining(Duration ago) {
        OffsetDateTime touched = OffsetDateTime.now(ZoneOffset.UTC).minus(ago);
        jdbc.sql("""
                insert into triage_training(reason, status, stage, steps_done, steps_total, examples, created_by, created_at, updated_at, slot)
                values ('RETRAIN', 'RUNNING', 'CV', 3, 7, 90, 'admin', ?, ?, 1)""").params(touched, touched).update();
        return jdbc.sql("select max(id) from triage_training").query(Long.class).single();
    }

    @Test
    void residentsLocateText() throws Exception {
        JsonNode places = call(json(post("/api/triage/locate-text").with(as("resident")),
                Map.of("text", "芙蓉区朝阳街街道曙光社区门口路灯不亮")), 200);
        assertThat(places.get(0).path("code").asString()).isEqualTo("430102002006");
        assertThat(places.get(0).path("level").asString()).isEqualTo("community");
        assertThat(places.get(0).path("name").asString()).isEqualTo("曙光社区居委会");
        assertThat(places.get(0).path("confidence").asDouble()).isBetween(0.5, 1.0);
        assertThat(texts(places.get(0).path("matched"), null)).isNotEmpty();
        assertThat(texts(places, "level")).contains("street", "district");
        assertApiError(call(json(post("/api/triage/locate-text").with(as("resident")), Map.of("text", "")), 400), 400);
        assertApiError(call(json(post("/api/triage/locate-text"), Map.of("text", "岳麓区")), 401), 401);
    }
}

package org.hemei.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hemei.triage.internal.TinyData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The command line on tiny files made here: no Spring, one JSON line, clear errors with exit status 2. */
class TriageCommandTest {

    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int run(String... args) {
        return TriageCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void evaluatePrintsOneJsonLineWithTheAgreedKeys() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), TinyData.csv(TinyData.messages(30, 1)));
        Path test = Files.writeString(dir.resolve("test.csv"), TinyData.csv(TinyData.messages(10, 2)));
        assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString())).isEqualTo(0);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed.strip().lines()).hasSize(1);
        JsonNode json = JsonMapper.builder().build().readTree(printed);
        assertThat(json.propertyNames()).containsExactly("accuracy", "macro_f1", "per_class", "train_seconds",
                "ms_per_message_p50", "ms_per_message_p99");
        assertThat(json.path("accuracy").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(json.path("macro_f1").asDouble()).isGreaterThanOrEqualTo(0.9);
        JsonNode traffic = json.path("per_class").path("交通运输");
        assertThat(traffic.propertyNames()).containsExactly("precision", "recall", "f1", "support");
        assertThat(traffic.path("support").asInt()).isEqualTo(10);
        assertThat(json.path("ms_per_message_p50").asDouble()).isLessThanOrEqualTo(json.path("ms_per_message_p99").asDouble());
    }

    @Test
    void evaluateLearnsWordVectorsFromUnlabelledMessagesButNeverFromTheTestMessages() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), TinyData.csv(TinyData.messages(30, 1)));
        String testCsv = TinyData.csv(TinyData.messages(10, 2));
        Path test = Files.writeString(dir.resolve("test.csv"), testCsv);
        // the unlabelled file: 60 new messages, and the 30 test messages again (labels dropped by the reader)
        String fresh = TinyData.csv(TinyData.messages(20, 3));
        Path unlabelled = Files.writeString(dir.resolve("u.csv"), fresh + testCsv.substring(testCsv.indexOf('\n') + 1));
        assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString(), "--unlabelled", unlabelled.toString())).isEqualTo(0);
        JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.path("macro_f1").asDouble()).isGreaterThanOrEqualTo(0.9);
        assertThat(json.path("unlabelled_used").asInt()).isBetween(1, 60); // at most the 60 fresh ones: the 30 copies of test messages are dropped
    }

    @Test
    void evaluateReadsTheSourcesUnlabelledMessagesBesideTheTrainingFileUnlessToldNone() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), TinyData.csv(TinyData.messages(30, 1)));
        Path test = Files.writeString(dir.resolve("test.csv"), TinyData.csv(TinyData.messages(10, 2)));
        Files.writeString(dir.resolve("messages.csv"), TinyData.csv(TinyData.messages(20, 3)));
        assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString())).isEqualTo(0);
        JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.path("unlabelled_used").asInt()).isPositive();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("messages.csv").doesNotContain("replies.csv");

        out.reset();
        assertThat(run("evaluate", "--train", train.toString(), "--test", test.toString(), "--unlabelled", "none")).isEqualTo(0);
        assertThat(JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8)).has("unlabelled_used")).isFalse();
    }

    @Test
    void crossValidatePrintsMeanAndSpread() throws Exception {
        Path data = Files.writeString(dir.resolve("data.csv"), TinyData.csv(TinyData.messages(20, 5)));
        assertThat(run("cross-validate", "--data", data.toString(), "--folds", "3")).isEqualTo(0);
        JsonNode json = JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(json.path("folds").asInt()).isEqualTo(3);
        assertThat(json.path("macro_f1_per_fold")).hasSize(3);
        assertThat(json.path("macro_f1_mean").asDouble()).isGreaterThan(0.85);
    }

    @Test
    void aBadFileIsNamedWithItsLine() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), TinyData.csv(TinyData.messages(5, 1)));
        Path bad = Files.writeString(dir.resolve("bad.csv"), "id,title,body,label\n1,公交,站台,交通运输\n2,\"没有结束的引号,x,y\n");
        assertThat(run("evaluate", "--train", train.toString(), "--test", bad.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("bad.csv, line 3").contains("never closed");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void missingFilesAndUnknownCommandsExitWithTwo() {
        assertThat(run("evaluate", "--train", dir.resolve("nope.csv").toString(), "--test", "x")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("nope.csv").contains("no such file");
        assertThat(run("fly")).isEqualTo(2);
        assertThat(run("evaluate", "--train")).isEqualTo(2);
    }

    @Test
    void helpPrintsTheUsageAndSucceeds() {
        assertThat(run("cross-validate", "--help")).isEqualTo(0);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("triage cross-validate --data FILE");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(run("-h")).isEqualTo(0);
    }

    @Test
    void anUnknownLossIsRefusedByName() throws Exception {
        Path train = Files.writeString(dir.resolve("train.csv"), TinyData.csv(TinyData.messages(5, 1)));
        assertThat(run("evaluate", "--train", train.toString(), "--test", train.toString(), "--loss", "hinge")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--loss must be squared or squared-hinge, got hinge");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}

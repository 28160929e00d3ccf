package org.hemei.triage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hemei.triage.internal.LabelledFile;
import org.hemei.triage.internal.LabelledText;
import org.hemei.triage.internal.SelfTraining;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Quality floors on the real TIPDM messages, when they are beside the project ({@code ../shared/data/tipdm}, not
 * committed: no licence). Floors sit below the figures in docs/benchmarks.md so they catch regressions, not noise.
 * Nothing here is timed.
 */
class RealDataTest {

    static final Path DATA = Path.of("../shared/data/tipdm");

    JsonNode run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = TriageCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(status).isZero();
        return JsonMapper.builder().build().readTree(out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void categoryCrossValidation() {
        Path file = DATA.resolve("labelled-train.csv");
        Assumptions.assumeTrue(Files.isReadable(file), "skipped: " + file.toAbsolutePath() + " is absent (real data is not in the repository)");
        JsonNode cv = run("cross-validate", "--data", file.toString(), "--folds", "5");
        assertThat(cv.path("macro_f1_mean").asDouble()).isGreaterThan(0.83);
    }

    @Test
    void selfTrainingDropsTheUnlabelledCopiesOfLabelledMessagesAndKeepsTheFloor() {
        Path labelled = DATA.resolve("labelled-train.csv");
        Path messages = DATA.resolve("messages.csv");
        Path replies = DATA.resolve("replies.csv");
        for (Path p : List.of(labelled, messages, replies)) {
            Assumptions.assumeTrue(Files.isReadable(p), "skipped: " + p.toAbsolutePath() + " is absent (real data is not in the repository)");
        }
        List<LabelledText> train = LabelledFile.read(labelled);
        List<SelfTraining.Unlabelled> raw = new ArrayList<>(LabelledFile.unlabelled(messages));
        raw.addAll(LabelledFile.unlabelled(replies));
        Set<String> labelledTexts = train.stream().map(t -> t.title() + "|" + t.body()).collect(Collectors.toSet());
        assertThat(raw).anyMatch(u -> labelledTexts.contains(u.title() + "|" + u.body())); // the files do overlap

        List<SelfTraining.Unlabelled> kept = SelfTraining.unseen(raw, train, SelfTraining.Settings.DEFAULT.maxSimilarity());
        assertThat(kept).noneMatch(u -> labelledTexts.contains(u.title() + "|" + u.body()));

        JsonNode cv = run("cross-validate", "--data", labelled.toString(), "--folds", "5", "--unlabelled", messages + "," + replies);
        assertThat(cv.path("unlabelled_used").asInt()).isEqualTo(kept.size());
        assertThat(cv.path("macro_f1_mean").asDouble()).isGreaterThan(0.86);
    }

    @Test
    void streetsFromReplies() {
        Path file = DATA.resolve("replies.csv");
        Assumptions.assumeTrue(Files.isReadable(file), "skipped: " + file.toAbsolutePath() + " is absent (real data is not in the repository)");
        JsonNode places = run("evaluate-places", "--replies", file.toString());
        assertThat(places.path("street_precision").asDouble()).isGreaterThan(0.7);
        assertThat(places.path("street_recall").asDouble()).isGreaterThan(0.45);
    }
}

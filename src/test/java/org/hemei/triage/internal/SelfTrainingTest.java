package org.hemei.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hemei.triage.internal.SelfTraining.Unlabelled;
import org.junit.jupiter.api.Test;

class SelfTrainingTest {

    final List<LabelledText> labelled = TinyData.messages(30, 1);

    static Unlabelled unlabelled(LabelledText t) {
        return new Unlabelled(t.title(), t.body(), "");
    }

    @Test
    void dropsCopiesAndNearCopiesOfLabelledMessagesAndOfEachOther() {
        LabelledText a = labelled.get(0);
        LabelledText b = labelled.get(1);
        Unlabelled copy = unlabelled(a);
        Unlabelled nearCopy = new Unlabelled(b.title() + "！", "您好，" + b.body() + "谢谢", "");
        List<Unlabelled> fresh = TinyData.messages(5, 99).stream().map(SelfTrainingTest::unlabelled).toList();
        List<Unlabelled> input = new ArrayList<>(List.of(copy, nearCopy));
        input.addAll(fresh);
        input.add(fresh.get(0)); // the same message twice among the unlabelled ones

        List<Unlabelled> kept = SelfTraining.unseen(input, labelled, SelfTraining.Settings.DEFAULT.maxSimilarity());

        assertThat(kept).doesNotContain(copy, nearCopy);
        assertThat(kept).filteredOn(u -> u.equals(fresh.get(0))).hasSize(1);
        assertThat(kept.size()).isGreaterThanOrEqualTo(fresh.size() - 3); // made-up messages share words, a few may look alike
    }

    @Test
    void pseudoLabelsAreCappedPerCategoryRelativeToItsLabelledMessages() {
        Model teacher = Trainer.train(labelled, Trainer.Options.DEFAULT);
        List<Unlabelled> transportHeavy = TinyData.messages(60, 5).stream()
                .filter(t -> !t.label().equals("教育文体") || t.title().hashCode() % 6 == 0)
                .map(SelfTrainingTest::unlabelled).toList();

        List<LabelledText> pseudo = SelfTraining.pseudoLabelled(teacher, labelled, transportHeavy, new SelfTraining.Settings(0.5, 0.5, 0.5, false, 1));

        Map<String, Long> counts = pseudo.stream().collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()));
        assertThat(counts.get("交通运输")).isEqualTo(15L); // 0.5 × 30 labelled, although about 60 qualify
        assertThat(counts.get("环境保护")).isEqualTo(15L);
        assertThat(counts.get("教育文体")).isLessThan(15L);
    }

    @Test
    void learnsAWordThatOnlyTheUnlabelledMessagesUse() {
        List<Unlabelled> unlabelled = new ArrayList<>();
        for (LabelledText t : TinyData.messages(30, 7)) {
            String extra = t.label().equals("交通运输") ? "轻轨轻轨" : "";
            unlabelled.add(new Unlabelled(t.title() + extra, t.body() + extra, ""));
        }
        Trainer.Options options = Trainer.Options.DEFAULT;
        Model teacher = Trainer.train(labelled, options);
        Model student = SelfTraining.train(labelled, unlabelled, options, SelfTraining.Settings.DEFAULT);

        Model.Prediction p = student.predict("轻轨", "轻轨");
        assertThat(p.label()).isEqualTo("交通运输");
        assertThat(p.confidence()).isGreaterThan(teacher.predict("轻轨", "轻轨").confidence());
    }

    @Test
    void withoutUnlabelledMessagesItIsPlainTraining() {
        Model plain = Trainer.train(labelled, Trainer.Options.DEFAULT);
        Model self = SelfTraining.train(labelled, List.of(), Trainer.Options.DEFAULT, SelfTraining.Settings.DEFAULT);
        LabelledText t = TinyData.messages(1, 3).get(0);
        assertThat(self.predict(t.title(), t.body())).isEqualTo(plain.predict(t.title(), t.body()));
    }
}

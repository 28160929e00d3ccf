package org.hemei.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class ClassifierTest {

    final List<LabelledText> train = TinyData.messages(30, 1);
    final Model model = Trainer.train(train, Trainer.Options.DEFAULT);

    @Test
    void learnsThreeCategoriesFromTheirWords() {
        List<LabelledText> test = TinyData.messages(10, 2);
        long right = test.stream().filter(t -> model.predict(t.title(), t.body()).label().equals(t.label())).count();
        assertThat(right).isGreaterThanOrEqualTo(28);
        assertThat(model.labels()).containsExactly("交通运输", "教育文体", "环境保护");
    }

    @Test
    void explainsWithTopThreeAndTheWordsThatWeighedMost() {
        Model.Prediction p = model.predict("公交线路调整", "站台太远，班次太少，希望尽快处理");
        assertThat(p.label()).isEqualTo("交通运输");
        assertThat(p.unsure()).isFalse();
        assertThat(p.confidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
        assertThat(p.top()).hasSize(3);
        assertThat(p.top().get(0).label()).isEqualTo("交通运输");
        assertThat(p.top().stream().mapToDouble(Model.Score::probability).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        assertThat(String.join(" ", p.words())).containsAnyOf("公交", "站台", "班次", "线路");
    }

    @Test
    void explainsWithWholeWordsNotTheNgramsAcrossTwoWords() {
        // Every bigram here weighs for 交通运输, those straddling two words (交线, 路站, ...) as much as the words.
        Model.Prediction p = model.predict("公交线路站台", "地铁班次司机出租车线路公交");
        assertThat(p.label()).isEqualTo("交通运输");
        assertThat(p.words()).isNotEmpty().allSatisfy(w -> assertThat(List.of("公交", "线路", "站台", "地铁", "班次", "司机", "出租车")).anySatisfy(word -> assertThat(word).contains(w)));
    }

    @Test
    void theWordsShownDoNotBeginOrEndWithAFunctionCharacter() {
        // every 环境保护 message here says 很大 and 站的: they weigh, but an operator learns nothing from them
        List<LabelledText> data = new ArrayList<>(train);
        for (int i = 0; i < 30; i++) data.add(new LabelledText("垃圾站的气味很大", "垃圾站的臭味很大，油烟很大" + i, "环境保护"));
        Model m = Trainer.train(data, Trainer.Options.DEFAULT);
        Model.Prediction p = m.predict("垃圾站的气味很大", "垃圾站的臭味很大");
        assertThat(p.label()).isEqualTo("环境保护");
        assertThat(p.words()).isNotEmpty().noneMatch(w -> w.startsWith("很") || w.endsWith("的") || w.endsWith("很"));
    }

    @Test
    void isUnsureAboutTextItHasNeverSeen() {
        Model.Prediction p = model.predict("", "zzz qqq xyz");
        assertThat(p.unsure()).isTrue();
        assertThat(p.confidence()).isLessThan(0.5);
    }

    @Test
    void survivesSerialisation() {
        Model copy = Model.fromBytes(model.toBytes());
        for (LabelledText t : TinyData.messages(3, 3)) {
            assertThat(copy.predict(t.title(), t.body())).isEqualTo(model.predict(t.title(), t.body()));
        }
    }

    @Test
    void segmentedWordsAreAnOptionThatAlsoWorks() {
        Trainer.Options words = new Trainer.Options(new Vectorizer.Settings(1, 2, 1.0, 2, true, true), 3.0, true,
                Trainer.Loss.SQUARED_HINGE, 200, 0, 0.5, 1, false, null);
        Model m = Trainer.train(train, words);
        assertThat(m.predict("学校补课", "老师让学生周末补课").label()).isEqualTo("教育文体");
        assertThat(Model.fromBytes(m.toBytes()).predict("学校补课", "老师让学生周末补课").label()).isEqualTo("教育文体");
    }

    @Test
    void theSquaredHingeLearnsTheCategoriesToo() {
        assertThat(Trainer.Options.DEFAULT.loss()).isEqualTo(Trainer.Loss.SQUARED);
        Model m = Trainer.train(train, defaultsWith(Trainer.Loss.SQUARED_HINGE, 3.0, Trainer.Options.DEFAULT.vectors()));
        List<LabelledText> test = TinyData.messages(10, 2);
        long right = test.stream().filter(t -> m.predict(t.title(), t.body()).label().equals(t.label())).count();
        assertThat(right).isGreaterThanOrEqualTo(28);
        assertThat(m.predict("公交线路调整", "站台太远，班次太少").label()).isEqualTo("交通运输");
    }

    /**
     * Trained on 3,000 messages of which many name two categories' words (more than the calibration needs, so only
     * some of its folds are trained), the average confidence on unseen messages is about the share that is right.
     */
    @Test
    void theConfidenceIsAboutHowOftenItIsRight() {
        // a small C keeps the raw scores near zero: without the fitted temperature the confidence would be far too low
        Model m = Trainer.train(mixed(3000, 3), defaultsWith(Trainer.Options.DEFAULT.loss(), 0.3, null));
        List<LabelledText> test = mixed(600, 4);
        double right = 0, confidence = 0;
        for (LabelledText t : test) {
            Model.Prediction p = m.predict(t.title(), t.body());
            if (p.label().equals(t.label())) right++;
            confidence += p.confidence();
        }
        assertThat(right / test.size()).isBetween(0.6, 0.9);
        assertThat(confidence / test.size()).isCloseTo(right / test.size(), Offset.offset(0.05));
    }

    /** The default options but for the loss, C and word vectors (null: none). */
    private static Trainer.Options defaultsWith(Trainer.Loss loss, double c, WordVectors.Settings vectors) {
        Trainer.Options d = Trainer.Options.DEFAULT;
        return new Trainer.Options(d.features(), c, d.balanced(), loss, d.maxEpochs(), d.calibrationFolds(), d.unsureBelow(), d.seed(),
                d.tuneBias(), vectors);
    }

    /**
     * Messages of eight two-character pieces, each from a message of their own category or, with a chance drawn per
     * message, of any category: some are clear, some hard to tell.
     */
    private static List<LabelledText> mixed(int count, long seed) {
        Random random = new Random(seed);
        List<LabelledText> tiny = TinyData.messages(count, seed);
        List<LabelledText> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            LabelledText own = tiny.get(random.nextInt(tiny.size())), other = tiny.get(random.nextInt(tiny.size()));
            double share = 0.5 + 0.5 * random.nextDouble();
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 8; w++) {
                String from = random.nextDouble() < share ? own.body() : other.body();
                int at = random.nextInt(from.length() - 2);
                body.append(from, at, at + 2);
            }
            out.add(new LabelledText("", body.toString(), own.label()));
        }
        return out;
    }

    @Test
    void normalisesFullWidthCaseAndDigits() {
        assertThat(new String(Vectorizer.normalise("ＡＢ１２，公交"))).isEqualTo("ab00 公交");
    }

    @Test
    void foldsAreStratified() {
        List<Folds.Split> folds = Folds.stratified(train, 5, 7);
        assertThat(folds).hasSize(5);
        for (Folds.Split s : folds) {
            assertThat(s.test()).hasSize(18);
            assertThat(s.test().stream().filter(t -> t.label().equals("交通运输"))).hasSize(6);
        }
    }

    @Test
    void metricsPerClassAndMacroF1() {
        Metrics m = Metrics.of(List.of("a", "a", "b", "b"), List.of("a", "b", "b", "b"));
        assertThat(m.accuracy()).isEqualTo(0.75);
        assertThat(m.perClass().get("a").precision()).isEqualTo(1.0);
        assertThat(m.perClass().get("a").recall()).isEqualTo(0.5);
        assertThat(m.perClass().get("b").precision()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(m.macroF1()).isCloseTo((2 / 3.0 + 0.8) / 2, org.assertj.core.data.Offset.offset(1e-9));
    }
}

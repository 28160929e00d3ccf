package org.hemei.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WordVectorsTest {

    final List<LabelledText> labelled = TinyData.messages(30, 1);

    /** Made-up unlabelled messages in which 轻轨 is written where the transport messages' words are. */
    static List<String> unlabelledWithANewTransportWord() {
        List<String> out = new ArrayList<>();
        for (LabelledText t : TinyData.messages(30, 7)) {
            String extra = t.label().equals("交通运输") ? "轻轨" : "";
            out.add(t.title() + extra + " " + extra + t.body());
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void wordsUsedAlikeGetAlikeVectors() {
        List<String> texts = new ArrayList<>(unlabelledWithANewTransportWord());
        labelled.forEach(t -> texts.add(t.title() + " " + t.body()));
        WordVectors vectors = WordVectors.learn(texts, WordVectors.Settings.DEFAULT);

        float[] newWord = vectors.documentVector("", "轻轨");
        float[] transport = vectors.documentVector("", "公交 地铁 站台 班次");
        float[] school = vectors.documentVector("", "学校 老师 补课 学位");
        assertThat(cosine(newWord, transport)).isGreaterThan(cosine(newWord, school) + 0.2);
        assertThat(cosine(newWord, newWord)).isCloseTo(1.0, within(1e-5));
    }

    @Test
    void aMessageWithoutKnownWordsHasNoVector() {
        WordVectors vectors = WordVectors.learn(labelled.stream().map(LabelledText::body).toList(), WordVectors.Settings.DEFAULT);
        assertThat(vectors.dimension()).isBetween(1, 200);
        assertThat(vectors.documentVector("", "zzz qqq")).containsOnly(0f);
        assertThat(WordVectors.learn(List.of("甲"), WordVectors.Settings.DEFAULT).dimension()).isZero();
    }

    @Test
    void aModelWithVectorsFromUnlabelledTextKnowsTheirWords() {
        Trainer.Options options = Trainer.Options.DEFAULT;
        WordVectors vectors = Trainer.wordVectors(labelled, unlabelledWithANewTransportWord(), options);
        Model with = Trainer.train(labelled, options, vectors);
        Model without = Trainer.train(labelled, options.withoutWordVectors());

        assertThat(without.predict("轻轨", "轻轨").unsure()).isTrue(); // neither 轻 nor 轨 occurs in a labelled message
        Model.Prediction p = with.predict("轻轨", "轻轨");
        assertThat(p.label()).isEqualTo("交通运输");
        assertThat(Model.fromBytes(with.toBytes()).predict("轻轨", "轻轨")).isEqualTo(p);
    }

    @Test
    void jacobiFindsEigenpairsInDescendingOrder() {
        int n = 30;
        Random random = new Random(3);
        double[] a = new double[n * n];
        for (int i = 0; i < n; i++) for (int j = 0; j <= i; j++) a[i * n + j] = a[j * n + i] = random.nextGaussian();
        double[][] e = Jacobi.symmetric(a, n);
        for (int k = 0; k < n; k++) {
            if (k > 0) assertThat(e[0][k]).isLessThanOrEqualTo(e[0][k - 1]);
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) av += a[i * n + j] * e[1][j * n + k];
                assertThat(av).isCloseTo(e[0][k] * e[1][i * n + k], within(1e-8));
            }
        }
        assertThat(Jacobi.symmetric(new double[] { 2, 1, 1, 2 }, 2)[0]).containsExactly(new double[] { 3, 1 }, within(1e-12));
    }
}

package org.hemei.triage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hemei.triage.internal.Vectorizer.SparseVector;

/**
 * Trains a {@link Model}: TF-IDF character n-grams and word vectors, one-vs-rest linear classifiers (least squares
 * by default, or SVMs), then a softmax temperature fitted (by likelihood) on out-of-fold decision values so that
 * "confidence 0.8" is right about 80% of the time.
 */
public final class Trainer {

    /**
     * The loss per message, m being its margin (the decision value times ±1). {@code SQUARED_HINGE}: max(0, 1 − m)²,
     * the support vector machine, which ignores messages already on the right side; {@code SQUARED}: (1 − m)², a
     * least-squares classifier (ridge regression onto ±1), which every message pulls, and which cross-validates a
     * little higher on the noisy labels of real messages (docs/benchmarks.md): the default.
     */
    public enum Loss {
        SQUARED_HINGE, SQUARED
    }

    /**
     * Training settings. {@code c}: the regularisation (larger fits the training data harder);
     * {@code calibrationFolds}: folds for the temperature (0 or 1 skips calibration, temperature 1);
     * {@code unsureBelow}: a prediction whose probability is lower is flagged unsure.
     */
    public record Options(Vectorizer.Settings features, double c, boolean balanced, Loss loss, int maxEpochs,
            int calibrationFolds, double unsureBelow, long seed, boolean tuneBias, WordVectors.Settings vectors) {

        /** Chosen by 5-fold cross-validation on real messages (docs/benchmarks.md). */
        public static final Options DEFAULT = new Options(Vectorizer.Settings.DEFAULT, 15.0, false, Loss.SQUARED, 200, 3, 0.5, 42, false,
                WordVectors.Settings.DEFAULT);

        public Options withoutCalibration() {
            return withCalibrationFolds(0);
        }

        public Options withCalibrationFolds(int folds) {
            return new Options(features, c, balanced, loss, maxEpochs, folds, unsureBelow, seed, tuneBias, vectors);
        }

        public Options withUnsureBelow(double threshold) {
            return new Options(features, c, balanced, loss, maxEpochs, calibrationFolds, threshold, seed, tuneBias, vectors);
        }

        /** The same options without word vectors (n-grams only). */
        public Options withoutWordVectors() {
            return new Options(features, c, balanced, loss, maxEpochs, calibrationFolds, unsureBelow, seed, tuneBias, null);
        }
    }

    private Trainer() {
    }

    /** Trains on the examples; word vectors, if the options ask for them, are learnt from the examples' own text. */
    public static Model train(List<LabelledText> examples, Options options) {
        return train(examples, options, wordVectors(examples, List.of(), options));
    }

    /**
     * Word vectors from the labelled and unlabelled messages' text (labels unused), or null when the options have
     * none. Unlabelled text is where they earn their keep: it holds the words the few labelled messages lack.
     */
    public static WordVectors wordVectors(List<LabelledText> labelled, List<String> unlabelled, Options options) {
        if (options.vectors() == null) return null;
        List<String> texts = new ArrayList<>(labelled.size() + unlabelled.size());
        for (LabelledText t : labelled) texts.add(t.title() + " " + t.body());
        texts.addAll(unlabelled);
        return WordVectors.learn(texts, options.vectors());
    }

    /** Trains on the examples with the given word vectors (null: n-grams only). */
    public static Model train(List<LabelledText> examples, Options options, WordVectors vectors) {
        if (examples.isEmpty()) throw new IllegalArgumentException("no training examples");
        List<String> labels = new ArrayList<>(new TreeSet<>(examples.stream().map(LabelledText::label).toList()));
        if (labels.size() < 2) throw new IllegalArgumentException("at least two categories are needed, got " + labels);
        Model model = fit(examples, labels, options, vectors);
        if (options.calibrationFolds() > 1 && examples.size() >= 2 * options.calibrationFolds()) {
            OutOfFold oof = outOfFold(examples, labels, options, vectors);
            double[] offsets = options.tuneBias() ? offsets(oof, labels.size()) : new double[labels.size()];
            for (double[] s : oof.scores()) for (int c = 0; c < s.length; c++) s[c] += offsets[c];
            model = model.withOffsets(offsets).withTemperature(temperature(oof));
        }
        return model;
    }

    private static Model fit(List<LabelledText> examples, List<String> labels, Options options, WordVectors vectors) {
        Vectorizer grams = Vectorizer.fit(examples, options.features());
        Vectorizer vectorizer = vectors == null ? grams : grams.withWordVectors(vectors);
        List<SparseVector> x = examples.parallelStream().map(e -> vectorizer.transform(e.title(), e.body())).toList();
        int[] y = examples.stream().mapToInt(e -> labels.indexOf(e.label())).toArray();
        LinearSvm.Weights w = LinearSvm.train(x, y, labels.size(), vectorizer.dimension(), options.c(), options.balanced(), options.loss(), options.maxEpochs(),
                options.seed());
        return new Model(labels, vectorizer, w, 1.0, options.unsureBelow());
    }

    /** Decision values of models that did not see the message, and the message's category. */
    private record OutOfFold(List<double[]> scores, List<Integer> truth) {
    }

    /**
     * Held-out messages enough to fit one temperature: a large training set stops after the folds that reach this
     * many, which saves most of the calibration's training time and leaves the temperature as well determined.
     */
    private static final int CALIBRATION_MESSAGES = 2000;

    /** The word vectors stay those of the whole training set: they are unsupervised, so they carry no label. */
    private static OutOfFold outOfFold(List<LabelledText> examples, List<String> labels, Options options, WordVectors vectors) {
        List<double[]> scores = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (Folds.Split split : Folds.stratified(examples, options.calibrationFolds(), options.seed())) {
            if (scores.size() >= CALIBRATION_MESSAGES) break;
            List<String> foldLabels = new ArrayList<>(new TreeSet<>(split.train().stream().map(LabelledText::label).toList()));
            if (foldLabels.size() != labels.size()) continue; // a rare class missing from this fold: skip it
            Model m = fit(split.train(), labels, options, vectors);
            for (LabelledText e : split.test()) {
                scores.add(m.scores(m.vectorizer().transform(e.title(), e.body())));
                truth.add(labels.indexOf(e.label()));
            }
        }
        return new OutOfFold(scores, truth);
    }

    /**
     * Per-category shifts of the decision values that maximise out-of-fold macro-F1 (coordinate ascent, two passes):
     * one-vs-rest SVMs of small categories tend to answer "rest" too often.
     */
    private static double[] offsets(OutOfFold oof, int classes) {
        double[] offsets = new double[classes];
        if (oof.scores().isEmpty()) return offsets;
        double best = macroF1(oof, offsets, classes);
        for (int pass = 0; pass < 2; pass++) {
            for (int c = 0; c < classes; c++) {
                double keep = offsets[c];
                double bestValue = keep;
                for (double d = -0.4; d <= 0.4001; d += 0.05) {
                    offsets[c] = keep + d;
                    double f = macroF1(oof, offsets, classes);
                    if (f > best + 1e-9) {
                        best = f;
                        bestValue = offsets[c];
                    }
                }
                offsets[c] = bestValue;
            }
        }
        return offsets;
    }

    private static double macroF1(OutOfFold oof, double[] offsets, int classes) {
        int[] tp = new int[classes], predicted = new int[classes], actual = new int[classes];
        for (int i = 0; i < oof.scores().size(); i++) {
            double[] s = oof.scores().get(i);
            int best = 0;
            for (int c = 1; c < classes; c++) if (s[c] + offsets[c] > s[best] + offsets[best]) best = c;
            int t = oof.truth().get(i);
            predicted[best]++;
            actual[t]++;
            if (best == t) tp[t]++;
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += predicted[c] + actual[c] == 0 ? 0 : 2.0 * tp[c] / (predicted[c] + actual[c]);
        return sum / classes;
    }

    /** The softmax temperature that maximises the likelihood of out-of-fold decision values. */
    private static double temperature(OutOfFold oof) {
        List<double[]> scores = oof.scores();
        List<Integer> truth = oof.truth();
        if (scores.isEmpty()) return 1.0;
        double best = 1;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (double t = 0.25; t <= 40; t *= 1.1) {
            double loss = 0;
            for (int i = 0; i < scores.size(); i++) {
                double[] p = Model.softmax(scores.get(i), t);
                loss -= Math.log(Math.max(p[truth.get(i)], 1e-12));
            }
            if (loss < bestLoss) {
                bestLoss = loss;
                best = t;
            }
        }
        return best;
    }
}

package org.hemei.triage.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.hemei.triage.internal.Vectorizer.SparseVector;

/**
 * Trains a {@link Model}: TF-IDF character n-grams, one-vs-rest linear SVMs, then a softmax temperature fitted
 * (by likelihood) on out-of-fold decision values so that "confidence 0.8" is right about 80% of the time.
 */
public final class Trainer {

    /**
     * Training settings. {@code c}: the SVM's regularisation (larger fits the training data harder);
     * {@code calibrationFolds}: folds for the temperature (0 or 1 skips calibration, temperature 1);
     * {@code unsureBelow}: a prediction whose probability is lower is flagged unsure.
     */
    public record Options(Vectorizer.Settings features, double c, boolean balanced, boolean nb, int maxEpochs,
            int calibrationFolds, double unsureBelow, long seed) {

        /** Chosen by 5-fold cross-validation on real messages (docs/benchmarks.md). */
        public static final Options DEFAULT = new Options(Vectorizer.Settings.DEFAULT, 3.0, false, false, 200, 3, 0.5, 42);

        public Options withoutCalibration() {
            return new Options(features, c, balanced, nb, maxEpochs, 0, unsureBelow, seed);
        }

        public Options withCalibrationFolds(int folds) {
            return new Options(features, c, balanced, nb, maxEpochs, folds, unsureBelow, seed);
        }

        public Options withUnsureBelow(double threshold) {
            return new Options(features, c, balanced, nb, maxEpochs, calibrationFolds, threshold, seed);
        }
    }

    private Trainer() {
    }

    public static Model train(List<LabelledText> examples, Options options) {
        if (examples.isEmpty()) throw new IllegalArgumentException("no training examples");
        List<String> labels = new ArrayList<>(new TreeSet<>(examples.stream().map(LabelledText::label).toList()));
        if (labels.size() < 2) throw new IllegalArgumentException("at least two categories are needed, got " + labels);
        Model model = fit(examples, labels, options);
        if (options.calibrationFolds() > 1 && examples.size() >= 2 * options.calibrationFolds()) {
            model = model.withTemperature(temperature(examples, labels, options));
        }
        return model;
    }

    private static Model fit(List<LabelledText> examples, List<String> labels, Options options) {
        Vectorizer vectorizer = Vectorizer.fit(examples, options.features());
        List<SparseVector> x = new ArrayList<>(examples.size());
        int[] y = new int[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            LabelledText e = examples.get(i);
            x.add(vectorizer.transform(e.title(), e.body()));
            y[i] = labels.indexOf(e.label());
        }
        LinearSvm.Weights w = LinearSvm.train(x, y, labels.size(), vectorizer.dimension(), options.c(), options.balanced(), options.nb(), options.maxEpochs(),
                options.seed());
        return new Model(labels, vectorizer, w, 1.0, options.unsureBelow());
    }

    /** The softmax temperature that maximises the likelihood of out-of-fold decision values. */
    private static double temperature(List<LabelledText> examples, List<String> labels, Options options) {
        List<double[]> scores = new ArrayList<>();
        List<Integer> truth = new ArrayList<>();
        for (Folds.Split split : Folds.stratified(examples, options.calibrationFolds(), options.seed())) {
            List<String> foldLabels = new ArrayList<>(new TreeSet<>(split.train().stream().map(LabelledText::label).toList()));
            if (foldLabels.size() != labels.size()) continue; // a rare class missing from this fold: skip it
            Model m = fit(split.train(), labels, options);
            for (LabelledText e : split.test()) {
                scores.add(m.scores(m.vectorizer().transform(e.title(), e.body())));
                truth.add(labels.indexOf(e.label()));
            }
        }
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

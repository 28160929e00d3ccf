package org.hemei.triage.internal;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.hemei.triage.internal.Vectorizer.SparseVector;

/**
 * One-vs-rest linear classifiers trained by dual coordinate descent (Hsieh et al., ICML 2008, the algorithm behind
 * LIBLINEAR's default solver), with either loss of {@link Trainer.Loss}. A bias is learnt as the weight of a constant
 * feature. Classes are trained in parallel on the available cores.
 */
final class LinearSvm {

    /** weights[feature * classes + class], bias[class]. */
    record Weights(float[] weights, float[] bias, int classes) {
    }

    private LinearSvm() {
    }

    static Weights train(List<SparseVector> x, int[] y, int classes, int dimension, double c, boolean balanced, Trainer.Loss loss,
            int maxEpochs, long seed) {
        float[] weights = new float[dimension * classes];
        float[] bias = new float[classes];
        IntStream.range(0, classes).parallel().forEach(k -> {
            double[] w = new double[dimension + 1];
            trainBinary(x, y, k, c, balanced, loss, maxEpochs, seed + k, w, dimension);
            for (int j = 0; j < dimension; j++) weights[j * classes + k] = (float) w[j];
            bias[k] = (float) w[dimension];
        });
        return new Weights(weights, bias, classes);
    }

    /**
     * One class against the rest. With {@code balanced}, each side's C is scaled by n / (2 n_side), so the few
     * positives of a small category weigh as much as the many negatives (macro-F1 counts every category alike).
     * The squared hinge's dual variables are kept non-negative; the squared loss's are free.
     */
    private static void trainBinary(List<SparseVector> x, int[] y, int positive, double c, boolean balanced, Trainer.Loss loss,
            int maxEpochs, long seed, double[] w, int biasIndex) {
        int n = x.size();
        boolean hinge = loss == Trainer.Loss.SQUARED_HINGE;
        int positives = 0;
        for (int label : y) if (label == positive) positives++;
        double cPositive = balanced ? c * n / (2.0 * Math.max(1, positives)) : c;
        double cNegative = balanced ? c * n / (2.0 * Math.max(1, n - positives)) : c;
        double[] diagOf = new double[n];
        double[] alpha = new double[n];
        double[] qii = new double[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            SparseVector v = x.get(i);
            double s = 1; // the constant bias feature
            for (float f : v.value()) s += f * f;
            diagOf[i] = 0.5 / (y[i] == positive ? cPositive : cNegative);
            qii[i] = s + diagOf[i];
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double maxPg = Double.NEGATIVE_INFINITY;
            double minPg = Double.POSITIVE_INFINITY;
            for (int i : order) {
                SparseVector v = x.get(i);
                int yi = y[i] == positive ? 1 : -1;
                int[] idx = v.index();
                float[] val = v.value();
                double dot = w[biasIndex];
                for (int k = 0; k < idx.length; k++) dot += w[idx[k]] * val[k];
                double g = yi * dot - 1 + diagOf[i] * alpha[i];
                double pg = hinge && alpha[i] == 0 ? Math.min(g, 0) : g;
                maxPg = Math.max(maxPg, pg);
                minPg = Math.min(minPg, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = hinge ? Math.max(old - g / qii[i], 0) : old - g / qii[i];
                    double d = (alpha[i] - old) * yi;
                    for (int k = 0; k < idx.length; k++) w[idx[k]] += d * val[k];
                    w[biasIndex] += d;
                }
            }
            if (maxPg - minPg < 0.1) break;
        }
    }
}

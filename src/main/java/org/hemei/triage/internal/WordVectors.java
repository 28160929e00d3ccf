package org.hemei.triage.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Word vectors learnt from unlabelled messages, so that a category learnt from a few labelled messages also
 * recognises the words residents use for the same thing (漏水 near 渗水, 噪音 near 扰民). They are the leading
 * singular vectors of the words' positive pointwise mutual information (PPMI) with their neighbours, an explicit
 * form of what word2vec learns (Levy and Goldberg, 2014), computed by a randomized SVD (Halko, Martinsson and
 * Tropp, 2011). A message becomes the TF-IDF-weighted mean of its words' vectors, appended to its n-grams.
 *
 * <p>Vectors are stored as bytes with a scale per word (a quarter of the size of floats); the model uses exactly
 * the stored values, so a reloaded model predicts what the trained one did.
 */
public final class WordVectors {

    /**
     * {@code dimension}: the vector length; {@code window}: neighbours on each side (weighted 1/distance);
     * {@code minCount}: rarer words get no vector; {@code weight}: the length of the message's vector next to its
     * unit-length n-gram vector.
     */
    public record Settings(int dimension, int window, int minCount, double weight) {

        /** Chosen by cross-validation on real messages (docs/benchmarks.md). */
        public static final Settings DEFAULT = new Settings(300, 10, 3, 0.8);

        public Settings {
            if (dimension < 1 || window < 1 || minCount < 1 || weight <= 0) throw new IllegalArgumentException("word vectors: all settings must be positive");
        }
    }

    private static final int OVERSAMPLE = 10;
    private static final int POWER_ITERATIONS = 2;
    /** Co-occurrences are counted in integers: 60 / distance is exact for distances 1 to 6. */
    private static final int UNIT = 60;

    private final Settings settings;
    private final Map<String, Integer> index;
    private final float[] idf;
    private final float[] scale;
    private final byte[] vectors;
    private final int dimension;

    private WordVectors(Settings settings, Map<String, Integer> index, float[] idf, float[] scale, byte[] vectors, int dimension) {
        this.settings = settings;
        this.index = index;
        this.idf = idf;
        this.scale = scale;
        this.vectors = vectors;
        this.dimension = dimension;
    }

    /** The vector length (smaller than asked when the texts have few words; 0 when they have none). */
    public int dimension() {
        return dimension;
    }

    public double weight() {
        return settings.weight();
    }

    /** Learns word vectors from texts (each a message's title and body). */
    public static WordVectors learn(List<String> texts, Settings settings) {
        List<String[]> docs = texts.parallelStream().map(WordVectors::tokens).toList();
        Map<String, Integer> index = vocabulary(docs, settings.minCount());
        int v = index.size();
        int k = Math.min(settings.dimension(), Math.max(0, v - 1));
        if (k == 0) return new WordVectors(settings, index, new float[v], new float[v], new byte[0], 0);
        Csr ppmi = ppmi(docs, index, settings.window());
        double[][] svd = leadingVectors(ppmi, k); // [0]: V x k left singular vectors, row-major; [1]: singular values
        double[] u = svd[0], s = svd[1];
        for (int w = 0; w < v; w++) for (int j = 0; j < k; j++) u[w * k + j] *= Math.sqrt(s[j]); // symmetric weighting
        float[] scale = new float[v];
        byte[] q = quantise(u, v, k, scale);
        return new WordVectors(settings, index, idf(docs, index), scale, q, k);
    }

    /** The message's vector: unit length, or all zeros when none of its words has a vector. */
    public float[] documentVector(String title, String body) {
        float[] out = new float[dimension];
        if (dimension == 0) return out;
        Map<Integer, Integer> counts = new HashMap<>();
        for (String part : new String[] { title, body }) {
            for (String w : tokens(part)) {
                Integer id = index.get(w);
                if (id != null) counts.merge(id, 1, Integer::sum);
            }
        }
        double[] sum = new double[dimension];
        counts.forEach((id, c) -> {
            double weight = (1 + Math.log(c)) * idf[id] * scale[id];
            int base = id * dimension;
            for (int j = 0; j < dimension; j++) sum[j] += weight * vectors[base + j];
        });
        double norm = 0;
        for (double x : sum) norm += x * x;
        if (norm == 0) return out;
        double inv = 1 / Math.sqrt(norm);
        for (int j = 0; j < dimension; j++) out[j] = (float) (sum[j] * inv);
        return out;
    }

    private static String[] tokens(String text) {
        List<String> out = new ArrayList<>();
        String normalised = new String(Vectorizer.normalise(text));
        Words.segment(normalised, out::add);
        return out.toArray(String[]::new);
    }

    private static Map<String, Integer> vocabulary(List<String[]> docs, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (String[] d : docs) for (String w : d) counts.merge(w, 1, Integer::sum);
        Map<String, Integer> index = new HashMap<>();
        counts.entrySet().stream().filter(e -> e.getValue() >= minCount).map(Map.Entry::getKey).sorted()
                .forEach(w -> index.put(w, index.size()));
        return index;
    }

    /** log(N / df): words in every message carry no meaning of their own. */
    private static float[] idf(List<String[]> docs, Map<String, Integer> index) {
        int[] df = new int[index.size()];
        for (String[] d : docs) {
            java.util.Set<Integer> seen = new java.util.HashSet<>();
            for (String w : d) {
                Integer id = index.get(w);
                if (id != null && seen.add(id)) df[id]++;
            }
        }
        float[] idf = new float[df.length];
        for (int i = 0; i < df.length; i++) idf[i] = (float) Math.log((double) docs.size() / Math.max(1, df[i]));
        return idf;
    }

    /** A sparse matrix in compressed rows. */
    private record Csr(int rows, int[] start, int[] column, double[] value) {
    }

    /**
     * PPMI of word and neighbour: log(P(w, c) / (P(w) P(c)^0.75)) where positive, the context distribution smoothed
     * so that rare neighbours do not dominate.
     */
    private static Csr ppmi(List<String[]> docs, Map<String, Integer> index, int window) {
        int v = index.size();
        LongIntMap pairs = new LongIntMap(1 << 20);
        for (String[] d : docs) {
            int[] ids = new int[d.length];
            int n = 0;
            for (String w : d) {
                Integer id = index.get(w);
                if (id != null) ids[n++] = id;
            }
            for (int i = 0; i < n; i++) {
                for (int j = Math.max(0, i - window); j < Math.min(n, i + window + 1); j++) {
                    if (j != i) pairs.add((long) ids[i] * v + ids[j] + 1, UNIT / Math.abs(i - j));
                }
            }
        }
        double[] rowSum = new double[v];
        double[] colSum = new double[v];
        int[] rowCount = new int[v + 1];
        pairs.forEach((key, count) -> {
            int a = (int) ((key - 1) / v), b = (int) ((key - 1) % v);
            rowSum[a] += count;
            colSum[b] += count;
            rowCount[a + 1]++;
        });
        double smoothed = 0;
        for (int b = 0; b < v; b++) smoothed += colSum[b] = Math.pow(colSum[b], 0.75);
        for (int b = 0; b < v; b++) colSum[b] /= smoothed;
        for (int a = 0; a < v; a++) rowCount[a + 1] += rowCount[a];
        int[] fill = rowCount.clone();
        int[] column = new int[pairs.size()];
        double[] value = new double[pairs.size()];
        pairs.forEach((key, count) -> {
            int a = (int) ((key - 1) / v), b = (int) ((key - 1) % v);
            double pmi = Math.log(count / (rowSum[a] * colSum[b]));
            int at = fill[a]++;
            column[at] = b;
            value[at] = Math.max(0, pmi);
        });
        return new Csr(v, rowCount, column, value);
    }

    /**
     * The k leading left singular vectors and values of a square matrix: project on a random subspace, sharpen it
     * by power iterations, then solve the small problem exactly.
     */
    private static double[][] leadingVectors(Csr m, int k) {
        int n = m.rows();
        int l = Math.min(n, k + OVERSAMPLE);
        Random random = new Random(1);
        double[] omega = new double[n * l];
        for (int i = 0; i < omega.length; i++) omega[i] = random.nextGaussian();
        Csr mt = transpose(m);
        double[] q = orthonormal(times(m, omega, l), n, l, 1);
        for (int it = 0; it < POWER_ITERATIONS; it++) {
            q = orthonormal(times(mt, q, l), n, l, 1);
            q = orthonormal(times(m, q, l), n, l, it == POWER_ITERATIONS - 1 ? 2 : 1);
        }
        // B = Q^T M (l x n); its left singular vectors are the eigenvectors of B B^T
        double[] bt = times(mt, q, l); // n x l: row b holds column b of B
        double[] gram = gram(bt, n, l);
        double[][] eigen = Jacobi.symmetric(gram, l); // [0]: values (descending), [1]: vectors as columns, l x l
        double[] values = eigen[0], vectors = eigen[1];
        double[] u = new double[n * k];
        double[] basis = q;
        IntStream.range(0, n).parallel().forEach(r -> {
            for (int i = 0; i < l; i++) {
                double qi = basis[r * l + i];
                for (int j = 0; j < k; j++) u[r * k + j] += qi * vectors[i * l + j];
            }
        });
        double[] singular = new double[k];
        for (int j = 0; j < k; j++) singular[j] = Math.sqrt(Math.max(0, values[j]));
        return new double[][] { u, singular };
    }

    /** M X for a dense n x l matrix X (row-major), rows in parallel. */
    private static double[] times(Csr m, double[] x, int l) {
        double[] out = new double[m.rows() * l];
        IntStream.range(0, m.rows()).parallel().forEach(a -> {
            int row = a * l;
            for (int p = m.start()[a]; p < m.start()[a + 1]; p++) {
                double v = m.value()[p];
                int col = m.column()[p] * l;
                for (int i = 0; i < l; i++) out[row + i] += v * x[col + i];
            }
        });
        return out;
    }

    /** The transpose of a square sparse matrix, so that products with it run row by row too. */
    private static Csr transpose(Csr m) {
        int n = m.rows();
        int[] start = new int[n + 1];
        for (int c : m.column()) start[c + 1]++;
        for (int i = 0; i < n; i++) start[i + 1] += start[i];
        int[] fill = start.clone();
        int[] column = new int[m.column().length];
        double[] value = new double[column.length];
        for (int a = 0; a < n; a++) {
            for (int p = m.start()[a]; p < m.start()[a + 1]; p++) {
                int at = fill[m.column()[p]]++;
                column[at] = a;
                value[at] = m.value()[p];
            }
        }
        return new Csr(n, start, column, value);
    }

    /** X^T X (l x l) of a row-major n x l matrix, summed over blocks of rows in parallel. */
    private static double[] gram(double[] x, int n, int l) {
        int blocks = Math.max(1, Math.min(n / 512, 4 * Runtime.getRuntime().availableProcessors()));
        double[] g = IntStream.range(0, blocks).parallel().mapToObj(b -> {
            double[] part = new double[l * l];
            for (int r = (int) ((long) n * b / blocks); r < (long) n * (b + 1) / blocks; r++) {
                int row = r * l;
                for (int i = 0; i < l; i++) {
                    double xi = x[row + i];
                    if (xi == 0) continue;
                    int gi = i * l;
                    for (int j = i; j < l; j++) part[gi + j] += xi * x[row + j]; // upper triangle only
                }
            }
            return part;
        }).reduce((a, b) -> {
            for (int i = 0; i < a.length; i++) a[i] += b[i];
            return a;
        }).orElseThrow();
        for (int i = 0; i < l; i++) for (int j = 0; j < i; j++) g[i * l + j] = g[j * l + i];
        return g;
    }

    /**
     * An orthonormal basis of the columns of a row-major n x l matrix (in place) by Cholesky QR, {@code passes}
     * times: one pass keeps the power iterations' numbers in range, a second repairs the orthogonality the first
     * loses. A (numerically) dependent column becomes zero.
     */
    private static double[] orthonormal(double[] y, int n, int l, int passes) {
        for (int pass = 0; pass < passes; pass++) {
            double[] rt = cholesky(gram(y, n, l), l);
            IntStream.range(0, n).parallel().forEach(a -> {
                int base = a * l;
                // solve q R = y for the row q: q_j = (y_j - sum_{i<j} q_i R_ij) / R_jj, with R's columns stored as rows
                for (int j = 0; j < l; j++) {
                    double rjj = rt[j * l + j];
                    if (rjj == 0) {
                        y[base + j] = 0;
                        continue;
                    }
                    double s = y[base + j];
                    int col = j * l;
                    for (int i = 0; i < j; i++) s -= y[base + i] * rt[col + i];
                    y[base + j] = s / rjj;
                }
            });
        }
        return y;
    }

    /**
     * R with R^T R = G, R upper triangular, returned transposed (row j holds column j of R) so that the solve above
     * reads it in order; a non-positive pivot (a dependent column) gives a zero.
     */
    private static double[] cholesky(double[] g, int l) {
        double[] rt = new double[l * l];
        double tiny = 1e-12 * java.util.Arrays.stream(g).map(Math::abs).max().orElse(1);
        for (int j = 0; j < l; j++) {
            double d = g[j * l + j];
            for (int k = 0; k < j; k++) d -= rt[j * l + k] * rt[j * l + k];
            if (d <= tiny) continue;
            double rjj = Math.sqrt(d);
            rt[j * l + j] = rjj;
            for (int i = j + 1; i < l; i++) {
                double s = g[j * l + i];
                for (int k = 0; k < j; k++) s -= rt[j * l + k] * rt[i * l + k];
                rt[i * l + j] = s / rjj;
            }
        }
        return rt;
    }

    /** Each row as signed bytes times a per-row scale (its largest magnitude / 127). */
    private static byte[] quantise(double[] u, int v, int k, float[] scale) {
        byte[] q = new byte[v * k];
        for (int w = 0; w < v; w++) {
            double max = 0;
            for (int j = 0; j < k; j++) max = Math.max(max, Math.abs(u[w * k + j]));
            scale[w] = (float) (max / 127);
            if (max == 0) continue;
            for (int j = 0; j < k; j++) q[w * k + j] = (byte) Math.round(u[w * k + j] / scale[w]);
        }
        return q;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(settings.dimension());
        out.writeInt(settings.window());
        out.writeInt(settings.minCount());
        out.writeDouble(settings.weight());
        out.writeInt(dimension);
        String[] words = new String[index.size()];
        index.forEach((w, i) -> words[i] = w);
        out.writeInt(words.length);
        for (int i = 0; i < words.length; i++) {
            out.writeUTF(words[i]);
            out.writeFloat(idf[i]);
            out.writeFloat(scale[i]);
        }
        out.write(vectors);
    }

    static WordVectors read(DataInputStream in) throws IOException {
        Settings settings = new Settings(in.readInt(), in.readInt(), in.readInt(), in.readDouble());
        int dimension = in.readInt();
        int v = in.readInt();
        Map<String, Integer> index = new HashMap<>();
        float[] idf = new float[v];
        float[] scale = new float[v];
        for (int i = 0; i < v; i++) {
            index.put(in.readUTF(), i);
            idf[i] = in.readFloat();
            scale[i] = in.readFloat();
        }
        byte[] vectors = new byte[dimension == 0 ? 0 : v * dimension];
        in.readFully(vectors);
        return new WordVectors(settings, index, idf, scale, vectors, dimension);
    }
}

package org.hemei.triage.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.hemei.triage.internal.Vectorizer.SparseVector;

/**
 * A trained category model: the vectorizer, one linear scorer per category, and a softmax temperature fitted on
 * out-of-fold scores so that the confidence means something. Immutable and thread-safe; serialises to bytes
 * (deflated) for the database.
 */
public final class Model {

    /** A category and its probability. */
    public record Score(String label, double probability) {
    }

    /**
     * What the model says about a message: the best category, its probability, the top three, the n-grams that
     * weighed most for the best category, and whether the probability is below the model's threshold.
     */
    public record Prediction(String label, double confidence, List<Score> top, List<String> words, boolean unsure) {
    }

    /** 2: the vectorizer may carry word vectors (format 1 models are still read). */
    private static final int FORMAT = 2;
    /** The longest n-gram a vectorizer makes, in chars. */
    private static final int MAX_GRAM = 3;
    /**
     * Function characters a shown word does not begin or end with (很大, 站的): they weigh in the model but tell the
     * operator nothing. Conservative: 着火, 过道, 给水 keep their first characters.
     */
    private static final String NOT_FIRST = "的了很吗呢吧啊", NOT_LAST = "的了很吗呢吧啊是在和";

    private final List<String> labels;
    private final Vectorizer vectorizer;
    private final LinearSvm.Weights weights;
    private final double temperature;
    private final double unsureBelow;

    Model(List<String> labels, Vectorizer vectorizer, LinearSvm.Weights weights, double temperature, double unsureBelow) {
        this.labels = List.copyOf(labels);
        this.vectorizer = vectorizer;
        this.weights = weights;
        this.temperature = temperature;
        this.unsureBelow = unsureBelow;
    }

    public List<String> labels() {
        return labels;
    }

    public double temperature() {
        return temperature;
    }

    public double unsureBelow() {
        return unsureBelow;
    }

    public Vectorizer vectorizer() {
        return vectorizer;
    }

    /** The same model with each category's bias shifted (a zero shift changes nothing). */
    Model withOffsets(double[] offsets) {
        float[] bias = weights.bias().clone();
        for (int c = 0; c < bias.length; c++) bias[c] += (float) offsets[c];
        return new Model(labels, vectorizer, new LinearSvm.Weights(weights.weights(), bias, weights.classes()), temperature, unsureBelow);
    }

    Model withTemperature(double t) {
        return new Model(labels, vectorizer, weights, t, unsureBelow);
    }

    public Model withUnsureBelow(double threshold) {
        return new Model(labels, vectorizer, weights, temperature, threshold);
    }

    /** The raw decision value of each category. */
    double[] scores(SparseVector v) {
        int k = weights.classes();
        double[] s = new double[k];
        for (int c = 0; c < k; c++) s[c] = weights.bias()[c];
        float[] w = weights.weights();
        int[] idx = v.index();
        float[] val = v.value();
        for (int j = 0; j < idx.length; j++) {
            int base = idx[j] * k;
            float x = val[j];
            for (int c = 0; c < k; c++) s[c] += w[base + c] * x;
        }
        return s;
    }

    static double[] softmax(double[] scores, double temperature) {
        double max = Double.NEGATIVE_INFINITY;
        for (double s : scores) max = Math.max(max, s);
        double[] p = new double[scores.length];
        double sum = 0;
        for (int i = 0; i < scores.length; i++) {
            p[i] = Math.exp((scores[i] - max) * temperature);
            sum += p[i];
        }
        for (int i = 0; i < p.length; i++) p[i] /= sum;
        return p;
    }

    /** The best category only (no explanation): what evaluation needs, as fast as possible. */
    public int predictIndex(String title, String body) {
        double[] s = scores(vectorizer.transform(title, body));
        int best = 0;
        for (int c = 1; c < s.length; c++) if (s[c] > s[best]) best = c;
        return best;
    }

    /** The calibrated probability of each category, in the order of {@link #labels()}. */
    public double[] probabilities(String title, String body) {
        SparseVector v = vectorizer.transform(title, body);
        return v.size() == 0 ? softmax(new double[labels.size()], 1) : softmax(scores(v), temperature);
    }

    public Prediction predict(String title, String body) {
        SparseVector v = vectorizer.transform(title, body);
        // No known word at all: no evidence, so every category is equally likely (and the answer unsure).
        double[] p = v.size() == 0 ? softmax(new double[labels.size()], 1) : softmax(scores(v), temperature);
        Integer[] order = new Integer[p.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -p[i]));
        List<Score> top = new ArrayList<>();
        for (int i = 0; i < Math.min(3, order.length); i++) top.add(new Score(labels.get(order[i]), p[order[i]]));
        int best = order[0];
        return new Prediction(labels.get(best), p[best], top, words(v, best, 5, wordSpans(title, body)), p[best] < unsureBelow);
    }

    /**
     * What an explanation may show for each n-gram of the message: an n-gram made of whole smartcn words (楼道, 坏了)
     * as itself, one inside a longer word as that word (出租 as 出租车). N-grams that straddle two words (了一, 请尽)
     * are absent: they weigh as much but mean nothing to an operator.
     */
    private static Map<String, String> wordSpans(String title, String body) {
        Map<String, String> spans = new HashMap<>();
        List<String> tokens = new ArrayList<>();
        for (String part : new String[] { title, body }) {
            List<String> these = new ArrayList<>();
            Words.segment(new String(Vectorizer.normalise(part)), these::add);
            for (int i = 0; i < these.size(); i++) {
                StringBuilder run = new StringBuilder();
                for (int j = i; j < these.size() && run.length() + these.get(j).length() <= MAX_GRAM; j++) {
                    String s = run.append(these.get(j)).toString();
                    spans.put(s, s);
                }
            }
            tokens.addAll(these);
        }
        for (String t : tokens) {
            for (int i = 0; i < t.length(); i++) {
                for (int j = i + 2; j <= Math.min(t.length(), i + MAX_GRAM); j++) spans.putIfAbsent(t.substring(i, j), t);
            }
        }
        return spans;
    }

    /**
     * The words of the features with the largest positive contribution to the category, longer ones absorbing their
     * parts: n-grams as {@code shown} gives them (see {@link #wordSpans}), segmented words (longer than any n-gram)
     * as they are.
     */
    private List<String> words(SparseVector v, int category, int limit, Map<String, String> shown) {
        int k = weights.classes();
        int[] idx = v.index();
        float[] val = v.value();
        Integer[] order = new Integer[idx.length];
        double[] contribution = new double[idx.length];
        for (int j = 0; j < idx.length; j++) {
            order[j] = j;
            contribution[j] = weights.weights()[idx[j] * k + category] * val[j];
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer j) -> -contribution[j]));
        List<String> out = new ArrayList<>();
        for (Integer j : order) {
            if (contribution[j] <= 0 || out.size() >= limit) break;
            String word = vectorizer.text(idx[j]);
            if (word.length() <= MAX_GRAM) word = shown.getOrDefault(word, "");
            if (word.length() < 2 || NOT_FIRST.indexOf(word.charAt(0)) >= 0 || NOT_LAST.indexOf(word.charAt(word.length() - 1)) >= 0) {
                continue;
            }
            boolean covered = false;
            for (int i = 0; i < out.size(); i++) {
                String w = out.get(i);
                if (w.contains(word)) covered = true;
                else if (word.contains(w)) {
                    out.set(i, word);
                    covered = true;
                }
            }
            if (!covered) out.add(word);
        }
        return out.stream().distinct().toList();
    }

    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new DeflaterOutputStream(bytes), 1 << 16))) {
            out.writeInt(FORMAT);
            out.writeInt(labels.size());
            for (String l : labels) out.writeUTF(l);
            out.writeDouble(temperature);
            out.writeDouble(unsureBelow);
            vectorizer.write(out);
            int k = weights.classes();
            for (float b : weights.bias()) out.writeFloat(b);
            float[] w = weights.weights();
            out.writeInt(w.length);
            for (float f : w) out.writeFloat(f);
            if (w.length != vectorizer.dimension() * k) throw new IllegalStateException("weights do not fit the vocabulary");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Model fromBytes(byte[] data) {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new InflaterInputStream(new ByteArrayInputStream(data)), 1 << 16))) {
            int format = in.readInt();
            if (format < 1 || format > FORMAT) throw new IllegalArgumentException("unknown model format " + format);
            int k = in.readInt();
            List<String> labels = new ArrayList<>();
            for (int i = 0; i < k; i++) labels.add(in.readUTF());
            double temperature = in.readDouble();
            double unsure = in.readDouble();
            Vectorizer vectorizer = Vectorizer.read(in, format >= 2);
            float[] bias = new float[k];
            for (int i = 0; i < k; i++) bias[i] = in.readFloat();
            float[] w = new float[in.readInt()];
            for (int i = 0; i < w.length; i++) w[i] = in.readFloat();
            return new Model(labels, vectorizer, new LinearSvm.Weights(w, bias, k), temperature, unsure);
        } catch (IOException e) {
            throw new UncheckedIOException("not a triage model", e);
        }
    }
}

package org.hemei.triage.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hemei.triage.internal.Vectorizer.SparseVector;

/**
 * Self-training: a model trained on the labelled messages labels the unlabelled ones it is confident about, and a
 * second model learns from both. Unlabelled messages of the same hotline carry the words residents use for each
 * category that the few labelled ones miss. {@link #unseen} must run first: an unlabelled copy of a message that is
 * later tested on would leak its category into the model.
 */
public final class SelfTraining {

    /**
     * {@code minConfidence}: the teacher's calibrated probability a pseudo-label needs; {@code maxSimilarity}: an
     * unlabelled message at least this similar (TF-IDF character-bigram cosine) to a labelled one is dropped;
     * {@code perClass}: pseudo-labels per category at most this many times its labelled messages (0: no self-training);
     * {@code replies}: the teacher also reads the official reply, when there is one; {@code rounds}: how many times
     * the newest model becomes the teacher (1: once).
     */
    public record Settings(double minConfidence, double maxSimilarity, double perClass, boolean replies, int rounds) {

        /**
         * Pseudo-labels off by default ({@code perClass} 0): once word vectors learn from the unlabelled messages,
         * pseudo-labels no longer raise cross-validated macro-F1 and they double training time (docs/benchmarks.md).
         * {@code --per-class 1} turns them on.
         */
        public static final Settings DEFAULT = new Settings(0.9, 0.5, 0.0, false, 1);
    }

    /** A message without a category; {@code reply}: the official answer to it, if any (else empty). */
    public record Unlabelled(String title, String body, String reply) {

        public Unlabelled {
            title = title == null ? "" : title;
            body = body == null ? "" : body;
            reply = reply == null ? "" : reply;
        }
    }

    private static final Vectorizer.Settings BIGRAMS = new Vectorizer.Settings(2, 2, 0, 1, false, false);

    private SelfTraining() {
    }

    /**
     * The unlabelled messages that are not (near-)copies of any labelled message, nor of each other. Candidates are
     * the kept messages sharing the most rare bigrams (a near-copy shares its rare words; common bigrams such as 小区
     * would make every pair a candidate); the few best are compared by full cosine.
     */
    public static List<Unlabelled> unseen(List<Unlabelled> unlabelled, List<LabelledText> labelled, double maxSimilarity) {
        if (unlabelled.isEmpty()) return List.of();
        List<LabelledText> all = new ArrayList<>(labelled);
        for (Unlabelled u : unlabelled) all.add(new LabelledText(u.title(), u.body(), ""));
        Vectorizer v = Vectorizer.fit(all, BIGRAMS);
        List<SparseVector> vectors = all.stream().map(t -> v.transform(t.title(), t.body())).toList();
        int[] df = new int[v.dimension()];
        for (SparseVector x : vectors) for (int f : x.index()) df[f]++;
        int rare = Math.max(20, all.size() / 100);
        // postings[feature]: the kept messages (labelled first) containing that rare bigram
        List<List<Integer>> postings = new ArrayList<>(v.dimension());
        for (int i = 0; i < v.dimension(); i++) postings.add(df[i] <= rare ? new ArrayList<>() : null);
        int[] shared = new int[all.size()];
        List<Unlabelled> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            SparseVector x = vectors.get(i);
            boolean isLabelled = i < labelled.size();
            if (!isLabelled && nearest(x, vectors, postings, shared) >= maxSimilarity) continue;
            for (int f : x.index()) if (postings.get(f) != null) postings.get(f).add(i);
            if (!isLabelled) out.add(unlabelled.get(i - labelled.size()));
        }
        return out;
    }

    /** The highest cosine between x and the kept messages that share the most rare bigrams with it. */
    private static double nearest(SparseVector x, List<SparseVector> vectors, List<List<Integer>> postings, int[] shared) {
        List<Integer> touched = new ArrayList<>();
        for (int f : x.index()) {
            List<Integer> p = postings.get(f);
            if (p == null) continue;
            for (int id : p) if (shared[id]++ == 0) touched.add(id);
        }
        touched.sort((a, b) -> Integer.compare(shared[b], shared[a]));
        double best = 0;
        for (int k = 0; k < Math.min(5, touched.size()); k++) best = Math.max(best, dot(x, vectors.get(touched.get(k))));
        for (int id : touched) shared[id] = 0;
        return best;
    }

    private static double dot(SparseVector a, SparseVector b) {
        double s = 0;
        int i = 0, j = 0;
        while (i < a.size() && j < b.size()) {
            int c = Integer.compare(a.index()[i], b.index()[j]);
            if (c == 0) s += a.value()[i++] * b.value()[j++];
            else if (c < 0) i++;
            else j++;
        }
        return s;
    }

    /**
     * Learns word vectors from all the messages; then, when {@code perClass} is positive, trains a teacher on
     * {@code labelled}, pseudo-labels the confident unlabelled messages and trains on both (else on the labelled).
     */
    public static Model train(List<LabelledText> labelled, List<Unlabelled> unlabelled, Trainer.Options options, Settings settings) {
        // word vectors read every message, labelled or not; they are learnt once and shared by teacher and student
        WordVectors vectors = Trainer.wordVectors(labelled, unlabelled.stream().map(u -> u.title() + " " + u.body()).toList(), options);
        if (unlabelled.isEmpty() || settings.perClass() <= 0) return Trainer.train(labelled, options, vectors);
        // the confidence threshold needs calibrated probabilities, even when the caller skips calibration
        Trainer.Options calibrated = options.calibrationFolds() > 1 ? options : options.withCalibrationFolds(3);
        Model teacher = Trainer.train(labelled, calibrated, vectors);
        for (int round = 1; ; round++) {
            List<LabelledText> pool = new ArrayList<>(labelled);
            pool.addAll(pseudoLabelled(teacher, labelled, unlabelled, settings));
            if (round >= settings.rounds()) return Trainer.train(pool, options, vectors);
            teacher = Trainer.train(pool, calibrated, vectors);
        }
    }

    /**
     * The confident pseudo-labels, at most {@code perClass} times the labelled count of each category, most confident
     * first. Without the cap the catch-all 城乡建设 takes most of them (messages of categories the model has never seen
     * land there) and the other categories' boundaries shrink.
     */
    static List<LabelledText> pseudoLabelled(Model teacher, List<LabelledText> labelled, List<Unlabelled> unlabelled, Settings settings) {
        Map<String, List<Candidate>> byLabel = new HashMap<>();
        for (Unlabelled t : unlabelled) {
            double[] p = teacher.probabilities(t.title(), t.body());
            if (settings.replies() && !t.reply().isBlank()) {
                // the answering department's wording is a second opinion on the category: average the two
                double[] r = teacher.probabilities("", t.reply());
                for (int c = 0; c < p.length; c++) p[c] = (p[c] + r[c]) / 2;
            }
            int best = 0;
            for (int c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
            if (p[best] >= settings.minConfidence()) {
                String label = teacher.labels().get(best);
                byLabel.computeIfAbsent(label, l -> new ArrayList<>()).add(new Candidate(new LabelledText(t.title(), t.body(), label), p[best]));
            }
        }
        Map<String, Long> counts = labelled.stream().collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()));
        List<LabelledText> out = new ArrayList<>();
        byLabel.forEach((label, candidates) -> {
            candidates.sort(Comparator.comparingDouble(Candidate::confidence).reversed());
            long cap = Math.round(settings.perClass() * counts.getOrDefault(label, 0L));
            candidates.stream().limit(cap).forEach(c -> out.add(c.text()));
        });
        return out;
    }

    private record Candidate(LabelledText text, double confidence) {
    }
}

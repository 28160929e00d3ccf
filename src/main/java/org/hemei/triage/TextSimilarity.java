package org.hemei.triage;

import java.util.HashMap;
import java.util.Map;

/**
 * How alike two demands read: cosine similarity of their character-bigram counts (Chinese needs no word
 * segmentation for this; punctuation and spaces are dropped). 1 = the same wording, 0 = nothing in common.
 * A pure function, cheap enough to score hundreds of candidate orders per check.
 */
public final class TextSimilarity {

    /** A text reduced to its bigram counts and their norm, computed once per text. */
    public record Profile(Map<Integer, Integer> bigrams, double norm) {
    }

    private TextSimilarity() {
    }

    public static Profile profile(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        int previous = -1;
        for (int i = 0; i < (text == null ? 0 : text.length()); i++) {
            char c = text.charAt(i);
            if (!Character.isLetterOrDigit(c)) {
                previous = -1;
                continue;
            }
            char lower = Character.toLowerCase(c);
            if (previous >= 0) counts.merge((previous << 16) | lower, 1, Integer::sum);
            previous = lower;
        }
        double sum = 0;
        for (int n : counts.values()) sum += (double) n * n;
        return new Profile(counts, Math.sqrt(sum));
    }

    public static double cosine(Profile a, Profile b) {
        if (a.norm() == 0 || b.norm() == 0) return 0;
        Map<Integer, Integer> small = a.bigrams().size() <= b.bigrams().size() ? a.bigrams() : b.bigrams();
        Map<Integer, Integer> large = small == a.bigrams() ? b.bigrams() : a.bigrams();
        double dot = 0;
        for (Map.Entry<Integer, Integer> e : small.entrySet()) {
            Integer other = large.get(e.getKey());
            if (other != null) dot += (double) e.getValue() * other;
        }
        return dot / (a.norm() * b.norm());
    }

    public static double similarity(String a, String b) {
        return cosine(profile(a), profile(b));
    }
}

package org.hemei.triage.internal;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a message into a TF-IDF vector of character n-grams. Chinese has no spaces, and short character n-grams
 * catch words (物业, 小区, 社保) and their parts without a dictionary. Text is NFKC-normalised (full-width to
 * half-width), lower-cased, digits become 0, and n-grams never cross punctuation or spaces. The title's n-grams
 * live in a namespace of their own, weighted by {@link Settings#titleWeight()}, and are also counted with the body.
 *
 * <p>An n-gram of up to three UTF-16 chars is packed losslessly into a long (namespace, length, chars), so the
 * vocabulary is a primitive hash map and prediction allocates no strings.
 */
public final class Vectorizer {

    /** Feature settings. */
    public record Settings(int minN, int maxN, double titleWeight, int minDf, boolean sublinearTf, boolean words) {

        public static final Settings DEFAULT = new Settings(1, 2, 1.0, 2, true, false);

        public Settings {
            if (maxN < 0 || maxN > 3 || maxN > 0 && (minN < 1 || minN > maxN)) {
                throw new IllegalArgumentException("n-grams from 1 to 3 chars (0-0: none)");
            }
            if (maxN == 0 && !words) throw new IllegalArgumentException("neither n-grams nor words");
        }
    }

    /** A sparse, L2-normalised vector: ascending feature indices and their values. */
    public record SparseVector(int[] index, float[] value) {
        public int size() {
            return index.length;
        }
    }

    private final Settings settings;
    private final LongIntMap vocabulary;
    private final long[] keys;
    private final float[] idf;
    private final Map<Long, String> words;
    /** Dense features appended after the n-grams, or null. */
    private final WordVectors wordVectors;

    private Vectorizer(Settings settings, long[] keys, float[] idf, Map<Long, String> words, WordVectors wordVectors) {
        this.settings = settings;
        this.keys = keys;
        this.idf = idf;
        this.words = words;
        this.wordVectors = wordVectors;
        this.vocabulary = new LongIntMap(keys.length);
        for (int i = 0; i < keys.length; i++) vocabulary.put(keys[i], i);
    }

    public Settings settings() {
        return settings;
    }

    /** Features in all: the n-grams (and words) kept, then the word-vector dimensions, if any. */
    public int dimension() {
        return keys.length + (wordVectors == null ? 0 : wordVectors.dimension());
    }

    /** The same vectorizer with word vectors appended to every message's n-grams. */
    public Vectorizer withWordVectors(WordVectors vectors) {
        return new Vectorizer(settings, keys, idf, words, vectors);
    }

    /** Learns the vocabulary (n-grams in at least minDf messages) and the inverse document frequencies. */
    public static Vectorizer fit(List<LabelledText> docs, Settings settings) {
        LongIntMap df = new LongIntMap(1 << 16);
        LongIntMap seen = new LongIntMap(1 << 12);
        Map<Long, String> allWords = new HashMap<>();
        for (LabelledText d : docs) {
            seen.clear();
            grams(d.title(), d.body(), settings, (key, word) -> {
                if (seen.get(key) < 0) {
                    seen.put(key, 1);
                    df.add(key, 1);
                    if (word != null) allWords.putIfAbsent(key, word);
                }
            });
        }
        long[] kept = new long[df.size()];
        int[] count = { 0 };
        df.forEach((key, value) -> {
            if (value >= settings.minDf()) kept[count[0]++] = key;
        });
        long[] keys = Arrays.copyOf(kept, count[0]);
        Arrays.sort(keys);
        float[] idf = new float[keys.length];
        int n = docs.size();
        for (int i = 0; i < keys.length; i++) {
            idf[i] = (float) (Math.log((n + 1.0) / (df.get(keys[i]) + 1.0)) + 1.0);
        }
        Map<Long, String> words = new HashMap<>();
        for (long k : keys) if (namespace(k) == WORDS) words.put(k, allWords.get(k));
        return new Vectorizer(settings, keys, idf, words, null);
    }

    public SparseVector transform(String title, String body) {
        int[] buffer = new int[64];
        int[] size = { 0 };
        int[][] holder = { buffer };
        grams(title, body, settings, (key, word) -> {
            int i = vocabulary.get(key);
            if (i >= 0) {
                if (size[0] == holder[0].length) holder[0] = Arrays.copyOf(holder[0], size[0] * 2);
                holder[0][size[0]++] = i;
            }
        });
        int[] all = holder[0];
        int n = size[0];
        Arrays.sort(all, 0, n);
        int distinct = 0;
        for (int i = 0; i < n; i++) if (i == 0 || all[i] != all[i - 1]) distinct++;
        int[] index = new int[distinct];
        float[] value = new float[distinct];
        int j = -1;
        for (int i = 0; i < n; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                index[++j] = all[i];
                value[j] = 1;
            } else {
                value[j]++;
            }
        }
        double norm = 0;
        for (int k = 0; k < distinct; k++) {
            double tf = settings.sublinearTf() ? 1 + Math.log(value[k]) : value[k];
            double v = tf * idf[index[k]];
            if (namespace(keys[index[k]]) == 1) v *= settings.titleWeight();
            value[k] = (float) v;
            norm += v * v;
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < distinct; k++) value[k] *= inv;
        }
        SparseVector grams = new SparseVector(index, value);
        return wordVectors == null ? grams : withDense(grams, wordVectors.documentVector(title, body), wordVectors.weight());
    }

    /**
     * The n-grams (unit length) followed by the message's word vector scaled to {@code weight}, the whole again of
     * unit length; a message without known words keeps its n-grams only.
     */
    private SparseVector withDense(SparseVector grams, float[] dense, double weight) {
        boolean none = true;
        for (float x : dense) none &= x == 0;
        if (none) return grams;
        int n = grams.size();
        int[] index = Arrays.copyOf(grams.index(), n + dense.length);
        float[] value = Arrays.copyOf(grams.value(), n + dense.length);
        double norm = n == 0 ? 0 : 1;
        for (int j = 0; j < dense.length; j++) {
            index[n + j] = keys.length + j;
            value[n + j] = (float) (dense[j] * weight);
            norm += value[n + j] * value[n + j];
        }
        if (norm > 0) {
            float inv = (float) (1 / Math.sqrt(norm));
            for (int k = 0; k < value.length; k++) value[k] *= inv;
        }
        return new SparseVector(index, value);
    }

    /** The n-gram or word a feature stands for, without the namespace ("" for a word-vector dimension). */
    public String text(int feature) {
        if (feature >= keys.length) return "";
        long key = keys[feature];
        if (namespace(key) == WORDS) return words.get(key);
        int len = (int) ((key >>> 48) & 3);
        char[] chars = new char[len];
        for (int i = 0; i < len; i++) chars[i] = (char) (key >>> (16 * (len - 1 - i)));
        return new String(chars);
    }

    static int namespace(long key) {
        return (int) (key >>> 50);
    }

    interface GramSink {
        /** A feature key; word is the text of a segmented word, null for a character n-gram. */
        void accept(long key, String word);
    }

    static final int WORDS = 2;

    /** Visits every n-gram of the message (with repeats). */
    static void grams(String title, String body, Settings s, GramSink sink) {
        char[] t = normalise(title);
        char[] b = normalise(body);
        emit(t, 0, s, sink);
        emit(b, 0, s, sink);
        if (s.titleWeight() > 0) emit(t, 1, s, sink);
        if (s.words()) {
            Consumer<String> words = w -> sink.accept(((long) WORDS << 50) | (hash(w) & 0xFFFF_FFFF_FFFFL), w);
            Words.segment(new String(t), words);
            Words.segment(new String(b), words);
        }
    }

    /** 64-bit FNV-1a over the chars; 48 bits of it name a word (collisions are negligible at this vocabulary size). */
    private static long hash(String w) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < w.length(); i++) {
            h ^= w.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    private static void emit(char[] text, long namespace, Settings s, GramSink sink) {
        long ns = namespace << 50;
        for (int i = 0; i < text.length; i++) {
            if (text[i] == ' ') continue;
            long packed = 0;
            for (int n = 1; n <= s.maxN() && i + n <= text.length; n++) {
                char c = text[i + n - 1];
                if (c == ' ') break;
                packed = (packed << 16) | c;
                if (n >= s.minN()) sink.accept(ns | ((long) n << 48) | packed, null);
            }
        }
    }

    /** NFKC, lower case, digits as 0, everything but letters and digits as a space (a break between n-grams). */
    static char[] normalise(String s) {
        if (s == null || s.isEmpty()) return new char[0];
        String n = Normalizer.isNormalized(s, Normalizer.Form.NFKC) ? s : Normalizer.normalize(s, Normalizer.Form.NFKC);
        char[] out = n.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (Character.isDigit(c)) out[i] = '0';
            else if (Character.isLetter(c)) out[i] = Character.toLowerCase(c);
            else out[i] = ' ';
        }
        return out;
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(settings.minN());
        out.writeInt(settings.maxN());
        out.writeDouble(settings.titleWeight());
        out.writeInt(settings.minDf());
        out.writeBoolean(settings.sublinearTf());
        out.writeBoolean(settings.words());
        out.writeInt(keys.length);
        for (long k : keys) out.writeLong(k);
        for (float f : idf) out.writeFloat(f);
        for (long k : keys) if (namespace(k) == WORDS) out.writeUTF(words.get(k));
        out.writeBoolean(wordVectors != null);
        if (wordVectors != null) wordVectors.write(out);
    }

    /** Reads what {@link #write} wrote; {@code withVectors}: false for models saved before word vectors existed. */
    static Vectorizer read(DataInputStream in, boolean withVectors) throws IOException {
        Settings s = new Settings(in.readInt(), in.readInt(), in.readDouble(), in.readInt(), in.readBoolean(), in.readBoolean());
        int n = in.readInt();
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = in.readLong();
        float[] idf = new float[n];
        for (int i = 0; i < n; i++) idf[i] = in.readFloat();
        Map<Long, String> words = new HashMap<>();
        for (long k : keys) if (namespace(k) == WORDS) words.put(k, in.readUTF());
        WordVectors vectors = withVectors && in.readBoolean() ? WordVectors.read(in) : null;
        return new Vectorizer(s, keys, idf, words, vectors);
    }
}

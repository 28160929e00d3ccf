package org.hemei.triage.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the places a text names: districts, streets/towns, communities/villages and compounds, in the forms people
 * write (岳麓区/岳麓, 洋湖街道/洋湖, 识字里社区居委会/识字里社区/识字里). Names are matched with a character trie,
 * longest match first and without overlaps (洋湖街道 wins over 洋湖). A name several places share (曙光社区 is in
 * 朝阳街街道 and in 左家塘街道) is resolved by the other places the text names: a place whose ancestors or
 * descendants are also named gains their evidence, an unsupported ambiguous place keeps only 1/k of its own.
 * Candidates come most confident first, the most specific first among equals. Immutable and thread-safe.
 */
public final class Gazetteer {

    public enum Kind {
        DISTRICT, STREET, COMMUNITY, COMPOUND
    }

    /**
     * A named place. For a compound, {@code code} is its community's division code (compounds have no division
     * code of their own), so the prefix test for "lies within" works for all kinds.
     */
    public record Place(String code, Kind kind, String name) {

        boolean within(Place other) {
            return kind.ordinal() > other.kind.ordinal() && code.startsWith(other.code);
        }

        boolean related(Place other) {
            return within(other) || other.within(this);
        }
    }

    /** A place the text may mean, how sure, and the words of the text that point to it. */
    public record Candidate(Place place, double confidence, List<String> matched) {
    }

    private record Alias(String text, Map<Place, Double> weights) {
        List<Place> places() {
            return List.copyOf(weights.keySet());
        }
    }

    private static final class Node {
        final Map<Character, Node> next = new HashMap<>(4);
        Alias alias;
    }

    private final Node root = new Node();
    private final int places;

    private Gazetteer(Map<String, Map<Place, Double>> aliases, int places) {
        this.places = places;
        aliases.forEach((text, byPlace) -> {
            Node n = root;
            for (char c : text.toCharArray()) n = n.next.computeIfAbsent(c, k -> new Node());
            n.alias = new Alias(text, Map.copyOf(byPlace));
        });
    }

    public int size() {
        return places;
    }

    /**
     * Words that name no place here though they contain, or are, a place's short form: matching them first (longest
     * match wins) keeps 长沙市 from reading as 沙市(镇); 长沙 alone is the city, not 长沙县; 路口 is a crossing
     * (十字路口: 1,845 times in the TIPDM messages, against 72 for 路口镇, whose full name still matches).
     */
    static final List<String> NOT_PLACES = List.of("长沙市", "长沙", "路口");

    /** Characters of official names that residents type otherwise: 㮾梨街道 is written 榔梨 (㮾 is on few keyboards). */
    private static final Map<Character, Character> TYPED_AS = Map.of('㮾', '榔');

    public static Gazetteer of(List<Place> places) {
        Map<String, Map<Place, Double>> aliases = new HashMap<>();
        for (String w : NOT_PLACES) aliases.put(w, new LinkedHashMap<>());
        for (Place p : places) {
            forms(p).forEach((form, weight) -> {
                if (form.length() >= 2) aliases.computeIfAbsent(form, k -> new LinkedHashMap<>()).merge(p, weight, Math::max);
            });
        }
        return new Gazetteer(aliases, places.size());
    }

    /** The forms people write for a place, each with how strongly it points to the place when found. */
    static Map<String, Double> forms(Place p) {
        Map<String, Double> f = new LinkedHashMap<>();
        writtenForms(p).forEach((form, weight) -> {
            if (form.equals(p.name()) || !NOT_PLACES.contains(form)) f.put(form, weight);
        });
        for (Map.Entry<String, Double> e : List.copyOf(f.entrySet())) f.putIfAbsent(typed(e.getKey()), e.getValue());
        return f;
    }

    private static Map<String, Double> writtenForms(Place p) {
        Map<String, Double> f = new LinkedHashMap<>();
        String name = p.name().strip();
        f.put(name, 1.0);
        switch (p.kind()) {
            case DISTRICT -> {
                String base = stripSuffix(name, "区", "县", "市");
                if (base.length() >= 2) f.put(base, 0.8);
            }
            case STREET -> {
                String base = stripSuffix(name, "街道", "镇", "乡");
                if (base.length() >= 2) f.put(base, base.length() == 2 ? 0.6 : 0.7);
                if (name.endsWith("街道")) f.put(base + "街道办事处", 1.0);
            }
            case COMMUNITY -> {
                String shortName = shortCommunityName(name);
                f.putIfAbsent(shortName, 0.95);
                if (shortName.endsWith("社区")) f.putIfAbsent(shortName + "居委会", 1.0);
                String bare = stripSuffix(shortName, "社区", "村");
                if (bare.length() >= 3) f.putIfAbsent(bare, 0.6);
            }
            case COMPOUND -> {
                String bare = stripSuffix(name, "小区");
                if (bare.length() >= 3) f.putIfAbsent(bare, 0.8);
            }
        }
        return f;
    }

    private static String typed(String form) {
        StringBuilder b = new StringBuilder(form.length());
        for (char c : form.toCharArray()) b.append(TYPED_AS.getOrDefault(c, c));
        return b.toString();
    }

    private static String stripSuffix(String name, String... suffixes) {
        for (String s : suffixes) if (name.endsWith(s) && name.length() > s.length()) return name.substring(0, name.length() - s.length());
        return name;
    }

    /** 识字里社区居委会 → 识字里社区, 双河村委会 → 双河村, 罗巷新村村民委员会 → 罗巷新村. */
    static String shortCommunityName(String name) {
        for (String suffix : new String[] { "居民委员会", "居委会", "村民委员会", "村民委委会", "村委会", "委员会" }) {
            if (name.endsWith(suffix) && name.length() > suffix.length()) {
                String base = name.substring(0, name.length() - suffix.length());
                return suffix.startsWith("村") && !base.endsWith("村") ? base + "村" : base;
            }
        }
        return name;
    }

    private record Match(int start, int end, Alias alias) {
    }

    /** Candidates for the places the text names, best first, at most {@code limit}. */
    public List<Candidate> locate(String text, int limit) {
        if (text == null || text.isBlank()) return List.of();
        String t = Normalizer.normalize(text, Normalizer.Form.NFKC);
        List<Match> matches = matches(t);
        // Evidence per place: the strongest alias that names it, a little more for each further mention.
        Map<Place, Double> evidence = new LinkedHashMap<>();
        Map<Place, Integer> mentions = new HashMap<>();
        Map<Place, Set<String>> words = new HashMap<>();
        Map<Place, Integer> ambiguity = new HashMap<>();
        for (Match m : matches) {
            for (Place p : m.alias().places()) {
                evidence.merge(p, m.alias().weights().get(p), Math::max);
                mentions.merge(p, 1, Integer::sum);
                words.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(m.alias().text());
                ambiguity.merge(p, m.alias().places().size(), Math::min);
            }
        }
        List<Place> all = new ArrayList<>(evidence.keySet());
        Map<Place, Double> support = new HashMap<>();
        for (Place p : all) {
            double s = 0;
            for (Place q : all) if (confirms(q, p, words)) s += evidence.get(q);
            support.put(p, s);
        }
        // Own evidence: a place named ambiguously keeps it whole only if it is the best supported of its namesakes.
        Map<Place, Double> own = new HashMap<>();
        for (Place p : all) {
            double e = evidence.get(p) + Math.min(0.3, 0.1 * (mentions.get(p) - 1));
            int k = ambiguity.get(p);
            if (k > 1) {
                boolean best = support.get(p) > 0;
                for (Match m : matches) {
                    if (!m.alias().places().contains(p)) continue;
                    for (Place other : m.alias().places()) {
                        if (other != p && support.getOrDefault(other, 0.0) >= support.get(p)) best = false;
                    }
                }
                if (!best) e /= k;
            }
            own.put(p, e);
        }
        List<Candidate> out = new ArrayList<>();
        Map<Place, Double> chain = new HashMap<>();
        for (Place p : all) {
            double total = own.get(p);
            Set<String> matched = new LinkedHashSet<>(words.get(p));
            for (Place q : all) {
                if (confirms(q, p, words)) {
                    total += own.get(q);
                    matched.addAll(words.get(q));
                }
            }
            chain.put(p, total);
            out.add(new Candidate(p, Math.round((1 - Math.exp(-1.5 * total)) * 1000) / 1000.0, List.copyOf(matched)));
        }
        out.sort(Comparator.comparingDouble((Candidate c) -> -chain.get(c.place()))
                .thenComparing(c -> -c.place().kind().ordinal())
                .thenComparing(c -> c.place().code()));
        return out.subList(0, Math.min(limit, out.size()));
    }

    /**
     * q confirms p when it encloses or lies within p and is named by other words of the text (左家塘 alone names both
     * 左家塘街道 and its 左家塘社区: they must not confirm each other).
     */
    private static boolean confirms(Place q, Place p, Map<Place, Set<String>> words) {
        return q != p && p.related(q) && !words.get(p).containsAll(words.get(q));
    }

    /** Longest non-overlapping matches of known names, in text order. */
    private List<Match> matches(String t) {
        List<Match> found = new ArrayList<>();
        for (int i = 0; i < t.length(); i++) {
            Node n = root;
            for (int j = i; j < t.length(); j++) {
                n = n.next.get(t.charAt(j));
                if (n == null) break;
                if (n.alias != null) found.add(new Match(i, j + 1, n.alias));
            }
        }
        found.sort(Comparator.comparingInt((Match m) -> m.start() - m.end()).thenComparingInt(Match::start));
        boolean[] taken = new boolean[t.length()];
        List<Match> chosen = new ArrayList<>();
        for (Match m : found) {
            boolean free = true;
            for (int i = m.start(); i < m.end() && free; i++) free = !taken[i];
            if (!free) continue;
            for (int i = m.start(); i < m.end(); i++) taken[i] = true;
            chosen.add(m);
        }
        chosen.sort(Comparator.comparingInt(Match::start));
        return chosen;
    }
}

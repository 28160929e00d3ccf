package org.hemei.triage.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Stratified k-fold splits: each fold holds about 1/k of every category, shuffled with a fixed seed. */
public final class Folds {

    public record Split(List<LabelledText> train, List<LabelledText> test) {
    }

    private Folds() {
    }

    public static List<Split> stratified(List<LabelledText> examples, int k, long seed) {
        if (k < 2) throw new IllegalArgumentException("at least 2 folds");
        Map<String, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            byLabel.computeIfAbsent(examples.get(i).label(), l -> new ArrayList<>()).add(i);
        }
        int[] fold = new int[examples.size()];
        Random random = new Random(seed);
        int offset = 0;
        for (List<Integer> members : byLabel.values()) {
            Collections.shuffle(members, random);
            for (int j = 0; j < members.size(); j++) fold[members.get(j)] = (offset + j) % k;
            offset += members.size();
        }
        List<Split> splits = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            List<LabelledText> train = new ArrayList<>();
            List<LabelledText> test = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) (fold[i] == f ? test : train).add(examples.get(i));
            splits.add(new Split(train, test));
        }
        return splits;
    }
}

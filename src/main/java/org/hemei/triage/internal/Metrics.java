package org.hemei.triage.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Accuracy, per-category precision/recall/F1 and their unweighted (macro) mean over the categories of the truth. */
public record Metrics(double accuracy, double macroF1, Map<String, PerClass> perClass) {

    public record PerClass(double precision, double recall, double f1, int support) {
    }

    public static Metrics of(List<String> truth, List<String> predicted) {
        if (truth.size() != predicted.size()) throw new IllegalArgumentException("sizes differ");
        TreeSet<String> labels = new TreeSet<>(truth);
        Map<String, PerClass> per = new LinkedHashMap<>();
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) if (truth.get(i).equals(predicted.get(i))) correct++;
        double f1Sum = 0;
        for (String l : labels) {
            int tp = 0, fp = 0, fn = 0;
            for (int i = 0; i < truth.size(); i++) {
                boolean t = truth.get(i).equals(l);
                boolean p = predicted.get(i).equals(l);
                if (t && p) tp++;
                else if (p) fp++;
                else if (t) fn++;
            }
            double precision = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double recall = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            per.put(l, new PerClass(precision, recall, f1, tp + fn));
            f1Sum += f1;
        }
        return new Metrics(truth.isEmpty() ? 0 : (double) correct / truth.size(), labels.isEmpty() ? 0 : f1Sum / labels.size(), per);
    }
}

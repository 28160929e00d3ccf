package org.hemei.triage;

import java.util.List;

/**
 * A proposed category for a message. {@code category} is null when the model is unsure (its best probability is
 * below the threshold): then the operator chooses, helped by {@code top}. {@code words} are the words of the
 * message that weighed most for the best category, shown to the operator.
 */
public record Classification(String category, double confidence, List<Score> top, List<String> words, boolean unsure,
        int modelVersion) {

    /** A category and its probability. */
    public record Score(String category, double confidence) {
    }
}

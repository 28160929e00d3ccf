package org.hemei.triage;

import java.util.List;

/**
 * A place a text may mean. {@code level}: district, street, community or compound; {@code code} is the division
 * code (for a compound, its community's). {@code matched}: the words of the text that point to it (its own names
 * and those of the enclosing or enclosed places that confirm it).
 */
public record PlaceCandidate(String code, String level, String name, double confidence, List<String> matched) {
}

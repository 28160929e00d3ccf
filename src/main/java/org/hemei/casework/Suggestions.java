package org.hemei.casework;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hemei.shared.DomainException;
import org.hemei.triage.Classification;
import org.hemei.triage.PlaceCandidate;
import org.hemei.triage.Triage;
import org.springframework.stereotype.Service;

/**
 * What triage proposes for a demand at intake: the category group (the model's first-level label) with the
 * catalogue's categories in that group, those whose keywords the demand names first, categories of other groups
 * that it names as well, and the most likely place. The operator confirms or corrects; the dispatcher's
 * registration records which.
 */
@Service
public class Suggestions {

    /** A category to offer; {@code named}: the demand contains one of its keywords. */
    public record CategoryOption(String code, String name, boolean named) {
    }

    /** {@code elsewhere}: categories outside the group (or any, without a model) whose keywords the demand names. */
    public record Suggestion(String group, Double confidence, boolean unsure, List<String> words, List<CategoryOption> categories,
            List<CategoryOption> elsewhere, PlaceCandidate place, List<Duplicates.Candidate> duplicates, String note) {

        static Suggestion none(String note) {
            return new Suggestion(null, null, true, List.of(), List.of(), List.of(), null, List.of(), note);
        }

        Suggestion withDuplicates(List<Duplicates.Candidate> found) {
            return new Suggestion(group, confidence, unsure, words, categories, elsewhere, place, found, note);
        }
    }

    /** At most this many categories of other groups: a hint, not a second list to read. */
    private static final int ELSEWHERE = 3;

    private final Triage triage;
    private final Categories categories;
    private final Duplicates duplicates;

    Suggestions(Triage triage, Categories categories, Duplicates duplicates) {
        this.triage = triage;
        this.categories = categories;
        this.duplicates = duplicates;
    }

    public Suggestion suggest(String title, String text) {
        String all = ((title == null ? "" : title) + " " + (text == null ? "" : text)).strip();
        if (all.isEmpty()) return Suggestion.none(null);
        PlaceCandidate place = triage.locate(all).stream().filter(p -> !p.level().equals("compound")).findFirst().orElse(null);
        Classification c;
        try {
            c = triage.classify(title, text);
        } catch (DomainException noModel) {
            return new Suggestion(null, null, true, List.of(), List.of(), elsewhere(null, all), place, List.of(), noModel.getMessage());
        }
        String group = c.category() != null ? c.category() : c.top().isEmpty() ? null : c.top().get(0).category();
        List<CategoryOption> options = ranked(categories.all().stream().filter(k -> k.level1().equals(group)), all).toList();
        return new Suggestion(group, c.confidence(), c.unsure(), c.words(), options, elsewhere(group, all), place, List.of(), null);
    }

    private Stream<CategoryOption> ranked(Stream<Category> candidates, String text) {
        return candidates.map(k -> Map.entry(k, keywordChars(k, text)))
                .sorted(Comparator.comparingInt((Map.Entry<Category, Integer> e) -> -e.getValue()))
                .map(e -> new CategoryOption(e.getKey().code(), e.getKey().name(), e.getValue() > 0));
    }

    private List<CategoryOption> elsewhere(String group, String text) {
        return ranked(categories.all().stream().filter(k -> !k.level1().equals(group)), text).filter(CategoryOption::named)
                .limit(ELSEWHERE).toList();
    }

    /** How much of the demand the category's keywords cover: longer keywords say more (燃气泄漏 over 燃气). */
    private static int keywordChars(Category k, String text) {
        int n = 0;
        for (String w : k.keywords()) if (text.contains(w)) n += w.length();
        return n;
    }

    /**
     * Stores the proposal with an order that has none yet, as the intake would have: orders from most channels are
     * triaged after commit ({@link IntakeSuggestions}), so a dispatcher may register one before that has happened.
     */
    void ensure(WorkOrder order) {
        if (order.getSuggestedGroup() != null || order.getSuggestedDivision() != null) return;
        Suggestion s = suggest(order.getTitle(), order.getText());
        order.suggested(s.group(), s.place() == null ? null : s.place().code());
    }

    /** The proposal plus the open orders it likely repeats, at the place given (or the place triage found). */
    public Suggestion suggest(String title, String text, String category, String divisionCode, Double lat, Double lng, Long excludeId) {
        Suggestion s = suggest(title, text);
        String place = divisionCode != null ? divisionCode : lat == null && s.place() != null ? s.place().code() : null;
        return s.withDuplicates(duplicates.find(title, text, category, place, lat, lng, excludeId));
    }
}

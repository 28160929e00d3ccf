package org.hemei.casework;

import java.util.List;
import org.hemei.shared.DomainException;
import org.hemei.triage.Classification;
import org.hemei.triage.PlaceCandidate;
import org.hemei.triage.Triage;
import org.springframework.stereotype.Service;

/**
 * What triage proposes for a demand at intake: the category group (the model's first-level label) with the
 * catalogue's categories in that group, and the most likely place. The operator confirms or corrects; the
 * dispatcher's registration records which.
 */
@Service
public class Suggestions {

    public record CategoryOption(String code, String name) {
    }

    public record Suggestion(String group, Double confidence, boolean unsure, List<String> words, List<CategoryOption> categories,
            PlaceCandidate place, List<Duplicates.Candidate> duplicates, String note) {

        static Suggestion none(String note) {
            return new Suggestion(null, null, true, List.of(), List.of(), null, List.of(), note);
        }

        Suggestion withDuplicates(List<Duplicates.Candidate> found) {
            return new Suggestion(group, confidence, unsure, words, categories, place, found, note);
        }
    }

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
            return new Suggestion(null, null, true, List.of(), List.of(), place, List.of(), noModel.getMessage());
        }
        String group = c.category() != null ? c.category() : c.top().isEmpty() ? null : c.top().get(0).category();
        List<CategoryOption> options = categories.all().stream().filter(k -> k.level1().equals(group))
                .map(k -> new CategoryOption(k.code(), k.name())).toList();
        return new Suggestion(group, c.confidence(), c.unsure(), c.words(), options, place, List.of(), null);
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

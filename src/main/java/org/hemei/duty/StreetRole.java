package org.hemei.duty;

import java.util.Optional;

/** What a street does for a duty-list item: it leads (主责/牵头) or only assists a department (配合). */
public enum StreetRole {
    LEAD("主责"), ASSIST("配合");

    private final String chinese;

    StreetRole(String chinese) {
        this.chinese = chinese;
    }

    public String chinese() {
        return chinese;
    }

    /** Reads the role as officials write it (主责, 牵头, 主责/牵头, 配合, 协助) or as the API names it. */
    static Optional<StreetRole> parse(String text) {
        String t = text == null ? "" : text.strip();
        return switch (t.toUpperCase()) {
            case "主责", "牵头", "主责/牵头", "主责（牵头）", "LEAD" -> Optional.of(LEAD);
            case "配合", "协助", "ASSIST" -> Optional.of(ASSIST);
            default -> Optional.empty();
        };
    }
}

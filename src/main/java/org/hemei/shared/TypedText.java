package org.hemei.shared;

import java.util.Map;

/**
 * What someone typed into a field that asks the server for options ({@code <datalist>}): htmx sends the text under
 * the field's own name (division, divisionCode, unit, …), so an options endpoint takes whichever parameter came.
 */
public final class TypedText {

    private TypedText() {
    }

    /** The first non-blank parameter value, stripped; empty when there is none. */
    public static String of(Map<String, String> params) {
        return params.values().stream().filter(v -> v != null && !v.isBlank()).findFirst().orElse("").strip();
    }
}

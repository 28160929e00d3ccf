package org.hemei.organization;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * One choice of a picker (template {@code organization/options}): what goes into the field — the name, or the
 * number where another record shares the name — and what the list shows beside it, where the record is.
 */
public record Choice(String value, String name, String place) {

    /** Records as choices, asking once which of their names are shared. */
    public static <T> List<Choice> among(List<T> rows, ToLongFunction<T> id, Function<T, String> name, Function<T, String> place,
            Function<Collection<String>, Set<String>> sharedNames) {
        Set<String> shared = sharedNames.apply(rows.stream().map(name).toList());
        return rows.stream().map(r -> new Choice(shared.contains(name.apply(r)) ? String.valueOf(id.applyAsLong(r)) : name.apply(r),
                name.apply(r), place.apply(r))).toList();
    }
}

package org.hemei.organization;

import java.util.Collection;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which of some names more than one record bears: a picker offers a record by its name only where the name finds it
 * again, and by its number where it does not.
 */
final class SharedNames {

    private SharedNames() {
    }

    /** {@code table} is one of this module's own tables, never user input. */
    static Set<String> among(JdbcClient jdbc, String table, Collection<String> names) {
        if (names.isEmpty()) return Set.of();
        return Set.copyOf(jdbc.sql("select name from " + table + " where name in (:names) group by name having count(*) > 1")
                .param("names", Set.copyOf(names)).query(String.class).list());
    }
}

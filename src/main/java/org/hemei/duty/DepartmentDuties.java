package org.hemei.duty;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether the duty lists make a work-order category a department's work at a place (the street only assists). The
 * dispatch catalogue asks this to refuse rules that push department work down to communities.
 */
public interface DepartmentDuties {

    /** The reason, naming the list item and its department, when the category is department work on that day; else empty. */
    Optional<String> departmentWork(String categoryCode, String placeCode, LocalDate on);

    /**
     * The same question for a span of days ({@code to} inclusive; null when open-ended): a rule lasts, and the lists
     * in force may change within it.
     */
    Optional<String> departmentWork(String categoryCode, String placeCode, LocalDate from, LocalDate to);
}

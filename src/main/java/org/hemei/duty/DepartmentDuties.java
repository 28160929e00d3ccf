package org.hemei.duty;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether the duty lists make a work-order category a department's work at a place on a day (the street only
 * assists). The dispatch catalogue asks this to refuse rules that push department work down to communities.
 */
public interface DepartmentDuties {

    /** The reason, naming the list item and its department, when the category is department work; else empty. */
    Optional<String> departmentWork(String categoryCode, String placeCode, LocalDate on);
}

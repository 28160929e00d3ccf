package org.hemei.duty;

import java.util.List;

/**
 * One item of a street duty list 街道履职事项: its basis 履职依据, whether the street leads or assists, the departments
 * involved (department types by enum name, e.g. SHUIWU, or other units by name) and the work-order category codes
 * it covers (each category at most once per list).
 */
public record StreetListItem(String code, String name, String basis, StreetRole streetRole, List<String> departments,
        List<String> categories) {

    public StreetListItem {
        departments = List.copyOf(departments);
        categories = List.copyOf(categories);
    }
}

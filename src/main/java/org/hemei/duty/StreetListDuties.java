package org.hemei.duty;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.stereotype.Service;

/**
 * {@link DepartmentDuties} from the street duty lists: a category is department work at a place on a day when the list
 * in force for the place's street (else the city template) has an item covering the category that the street only
 * assists (配合). Places above street level (a district, the city) follow the template.
 */
@Service
class StreetListDuties implements DepartmentDuties {

    private final StreetLists lists;

    StreetListDuties(StreetLists lists) {
        this.lists = lists;
    }

    @Override
    public Optional<String> departmentWork(String categoryCode, String placeCode, LocalDate on) {
        if (categoryCode == null || categoryCode.isBlank() || on == null) return Optional.empty();
        String owner = placeCode != null && placeCode.strip().length() >= 9 ? placeCode.strip().substring(0, 9) : StreetLists.TEMPLATE;
        Optional<Long> version = lists.resolve(owner, on);
        if (version.isEmpty()) return Optional.empty();
        return lists.all(version.get()).stream().filter(i -> i.categories().contains(categoryCode.strip())).findFirst()
                .filter(i -> i.streetRole() == StreetRole.ASSIST).map(i -> reason(version.get(), i));
    }

    /** Asked on the first day and on every day within the span when a version of the street or the template starts. */
    @Override
    public Optional<String> departmentWork(String categoryCode, String placeCode, LocalDate from, LocalDate to) {
        String owner = placeCode != null && placeCode.strip().length() >= 9 ? placeCode.strip().substring(0, 9) : StreetLists.TEMPLATE;
        SortedSet<LocalDate> days = new TreeSet<>(List.of(from));
        for (String o : new TreeSet<>(List.of(owner, StreetLists.TEMPLATE))) {
            lists.effectiveDates(o).stream().filter(d -> d.isAfter(from) && (to == null || !d.isAfter(to))).forEach(days::add);
        }
        return days.stream().map(d -> departmentWork(categoryCode, placeCode, d)).flatMap(Optional::stream).findFirst();
    }

    private String reason(long versionId, StreetListItem item) {
        String owner = lists.ownerOf(versionId);
        LocalDate from = lists.effectiveFrom(versionId);
        boolean template = owner.equals(StreetLists.TEMPLATE);
        List<String> departments = item.departments().stream().map(StreetListFile::departmentLabel).toList();
        String list = template ? "街道履职事项清单市级模板" : lists.ownerName(owner) + "履职事项清单";
        String listEn = template ? "the city template of street duty lists" : "the street duty list of " + owner;
        return list + "（" + from + "起施行）第 " + item.code() + " 项「" + item.name() + "」：街道配合，由"
                + String.join("、", departments) + "负责"
                + " / " + listEn + " (in force from " + from + "), item " + item.code() + " \"" + item.name()
                + "\": the street assists; it is the work of " + String.join(", ", departments);
    }
}

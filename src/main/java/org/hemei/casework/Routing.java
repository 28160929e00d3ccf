package org.hemei.casework;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hemei.organization.DepartmentType;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.springframework.stereotype.Service;

/**
 * Category + place → lead and assisting units, and why. Until the dispatch catalogue (duty module) exists, the
 * category names the type of lead unit; the department of that type in the place's district leads, else the
 * city's; with no owner found, the street of the place leads (属地兜底).
 */
@Service
public class Routing {

    public record Route(Unit lead, List<Unit> assisting, String explanation) {
    }

    private final Units units;

    Routing(Units units) {
        this.units = units;
    }

    public Optional<Route> route(Category category, String placeCode) {
        if (placeCode == null) return Optional.empty();
        Optional<Unit> lead = resolve(category.lead(), placeCode);
        String why = "类别「" + category.name() + "」由" + label(category.lead()) + "主办 / " + category.nameEn() + " is led by "
                + category.lead();
        if (lead.isEmpty()) {
            lead = resolve("STREET", placeCode);
            why = "未找到" + label(category.lead()) + "，属地街道兜底 / no " + category.lead() + " found: the street of the place leads";
        }
        if (lead.isEmpty()) return Optional.empty();
        Unit leadUnit = lead.get();
        Set<Unit> assisting = new LinkedHashSet<>();
        for (String type : category.assisting()) {
            resolve(type, placeCode).filter(u -> !u.getId().equals(leadUnit.getId())).ifPresent(assisting::add);
        }
        return Optional.of(new Route(leadUnit, List.copyOf(assisting), why));
    }

    /** Every department of the category's emergency plan at the place (for major hazards). */
    public List<Unit> emergencyPlan(Category category, String placeCode) {
        return category.emergencyPlan().stream().map(t -> resolve(t, placeCode)).flatMap(Optional::stream).distinct().toList();
    }

    private Optional<Unit> resolve(String type, String placeCode) {
        return switch (type) {
            case "STREET" -> placeCode.length() >= 9 ? units.at(UnitKind.STREET_OFFICE, placeCode.substring(0, 9)) : Optional.empty();
            case "COMMUNITY" -> placeCode.length() >= 12 ? units.at(UnitKind.COMMUNITY_COMMITTEE, placeCode.substring(0, 12)) : Optional.empty();
            default -> units.department(DepartmentType.valueOf(type), placeCode);
        };
    }

    private static String label(String type) {
        return switch (type) {
            case "STREET" -> "属地街道";
            case "COMMUNITY" -> "属地社区";
            default -> DepartmentType.valueOf(type).chinese() + "部门";
        };
    }
}

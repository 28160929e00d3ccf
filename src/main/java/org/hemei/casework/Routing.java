package org.hemei.casework;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hemei.organization.DepartmentType;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * Category + place → lead and assisting units, and why. The dispatch catalogue ({@link DispatchRules}, duty module)
 * decides; where none of its rules applies, the street of the place leads (属地兜底). Only when no catalogue exists
 * at all (e.g. a slice of the application without the duty module) does the category table decide as before: the
 * department of the category's type in the place's district, else the city's, else the street.
 */
@Service
public class Routing {

    public record Route(Unit lead, List<Unit> assisting, String explanation) {
    }

    private final Units units;
    private final ObjectProvider<DispatchRules> catalogue;
    private final Clock clock;

    Routing(Units units, ObjectProvider<DispatchRules> catalogue, Clock clock) {
        this.units = units;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    public Optional<Route> route(Category category, String placeCode) {
        return route(category, placeCode, null, null);
    }

    /** Routing of an order whose urgency and channel are known, so conditional catalogue rules can apply. */
    public Optional<Route> route(Category category, String placeCode, Urgency urgency, Channel channel) {
        if (placeCode == null) return Optional.empty();
        DispatchRules rules = catalogue.getIfAvailable();
        if (rules == null) return byCategoryTable(category, placeCode);
        Optional<Route> decided = rules.decide(category, placeCode, urgency, channel, LocalDate.now(clock.withZone(TimeLimit.CHINA)));
        if (decided.isPresent()) return decided;
        return resolve("STREET", placeCode).map(street -> new Route(street, List.of(), "派单目录中没有适用于「" + category.name()
                + "」的规则，属地兜底：由属地街道主办 / no dispatch rule applies to " + category.nameEn()
                + ": 属地兜底, the street of the place leads"));
    }

    private Optional<Route> byCategoryTable(Category category, String placeCode) {
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

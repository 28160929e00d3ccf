package org.hemei.duty;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hemei.casework.Categories;
import org.hemei.casework.Category;
import org.hemei.casework.Channel;
import org.hemei.casework.DispatchRules;
import org.hemei.casework.Routing;
import org.hemei.casework.Urgency;
import org.hemei.identity.Scope;
import org.hemei.organization.DepartmentType;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.shared.Paging;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.stereotype.Service;

/**
 * How the dispatch catalogue decides (for casework's routing), explains a decision with every candidate rule and
 * why it lost, and checks itself: categories without a rule, rules pointing at missing units, exact ties.
 */
@Service
public class DispatchDecisions implements DispatchRules {

    /** A rule considered for an order and what became of it: CHOSEN, LOST (applied but another won) or NOT_APPLICABLE. */
    public record Candidate(long ruleId, String rule, String outcome, String reason) {
    }

    public record UnitRef(long id, String name) {
    }

    public record Explanation(String categoryCode, String placeCode, LocalDate on, String urgency, String channel,
            Long ruleId, UnitRef lead, List<UnitRef> assisting, boolean fallback, String explanation, List<Candidate> candidates) {
    }

    public record Finding(FindingKind kind, String categoryCode, Long ruleId, String message) {
    }

    /** What the catalogue check found; each has a heading in the message bundles (dispatch.finding.*). */
    public enum FindingKind { NO_RULE, MISSING_UNIT, PUSHED_DOWN, AMBIGUOUS_TIE }

    /** Precedence first (higher wins), then specificity, then the newer rule; the lower id only for an exact tie. */
    static final Comparator<DispatchRule> ORDER = Comparator.comparingInt(DispatchRule::precedence).reversed()
            .thenComparing(Comparator.comparingInt(DispatchRule::specificity).reversed())
            .thenComparing(DispatchRule::effectiveFrom, Comparator.reverseOrder())
            .thenComparingLong(DispatchRule::id);

    private final DispatchCatalogue catalogue;
    private final Categories categories;
    private final Units units;
    private final Territory territory;

    DispatchDecisions(DispatchCatalogue catalogue, Categories categories, Units units, Territory territory) {
        this.catalogue = catalogue;
        this.categories = categories;
        this.units = units;
        this.territory = territory;
    }

    @Override
    public Optional<Routing.Route> decide(Category category, String placeCode, Urgency urgency, Channel channel, LocalDate on) {
        Decision d = evaluate(category, placeCode, name(urgency), name(channel), on);
        if (d.rule() == null) return Optional.empty();
        return Optional.of(new Routing.Route(d.lead(), d.assisting(), explanation(category, d)));
    }

    /** The decision for an order of this category at this place on this day, and every candidate rule. */
    public Explanation explain(String categoryCode, String placeCode, LocalDate on, String urgency, String channel) {
        Category category = categories.get(categoryCode == null ? null : categoryCode.strip().toUpperCase());
        if (placeCode == null || placeCode.isBlank() || !territory.exists(placeCode.strip())) {
            throw org.hemei.shared.DomainException.badRequest("地点区划代码不存在 / unknown place (a division or grid code): " + placeCode);
        }
        String place = placeCode.strip();
        LocalDate day = on == null ? catalogue.today() : on;
        String u = urgency == null || urgency.isBlank() ? null : Urgency.valueOf(upper(urgency, Urgency.class)).name();
        String c = channel == null || channel.isBlank() ? null : Channel.valueOf(upper(channel, Channel.class)).name();
        Decision d = evaluate(category, place, u, c, day);
        if (d.rule() != null) {
            return new Explanation(category.code(), place, day, u, c, d.rule().id(), ref(d.lead()),
                    d.assisting().stream().map(DispatchDecisions::ref).toList(), false, explanation(category, d), d.candidates());
        }
        Optional<Unit> street = place.length() >= 9 ? units.at(UnitKind.STREET_OFFICE, place.substring(0, 9)) : Optional.empty();
        String why = street.isPresent()
                ? "派单目录中没有适用的规则，属地兜底：由属地街道主办 / no dispatch rule applies: 属地兜底, the street of the place leads"
                : "没有适用的规则，地点也未精确到街道：请人工指定主办单位 / no rule applies and the place is not known to a street: choose by hand";
        return new Explanation(category.code(), place, day, u, c, null, street.map(DispatchDecisions::ref).orElse(null), List.of(),
                true, why, d.candidates());
    }

    private record Decision(DispatchRule rule, Unit lead, List<Unit> assisting, List<Candidate> candidates) {
    }

    private Decision evaluate(Category category, String place, String urgency, String channel, LocalDate day) {
        List<Candidate> candidates = new ArrayList<>();
        List<DispatchRule> applicable = new ArrayList<>();
        for (DispatchRule r : catalogue.rulesOf(category.code())) {
            String why = notApplicable(r, place, urgency, channel, day);
            if (why == null) applicable.add(r);
            else candidates.add(new Candidate(r.id(), r.describe(), "NOT_APPLICABLE", why));
        }
        applicable.sort(ORDER);
        DispatchRule winner = null;
        Unit lead = null;
        for (DispatchRule r : applicable) {
            if (winner != null) {
                candidates.add(new Candidate(r.id(), r.describe(), "LOST", lostTo(r, winner)));
                continue;
            }
            Optional<Unit> unit = resolve(r.leadUnitId(), r.leadType(), place);
            if (unit.isEmpty()) {
                candidates.add(new Candidate(r.id(), r.describe(), "LOST", "主办单位（" + target(r) + "）在该地点不存在 / its lead ("
                        + target(r) + ") does not exist at the place"));
                continue;
            }
            winner = r;
            lead = unit.get();
            candidates.add(new Candidate(r.id(), r.describe(), "CHOSEN", "适用且排序最前 / applies and ranks first"));
        }
        return new Decision(winner, lead, winner == null ? List.of() : assisting(winner, lead, place), candidates);
    }

    private static String notApplicable(DispatchRule r, String place, String urgency, String channel, LocalDate day) {
        if (!r.inForceOn(day)) {
            return "不在有效期内（" + r.effectiveFrom() + " 至 " + (r.effectiveTo() == null ? "长期" : r.effectiveTo()) + "）/ not in force on " + day;
        }
        if (!r.covers(place)) return "地点不在适用区域（" + r.territoryChinese() + "）/ the place is outside " + r.territoryEnglish();
        if (!r.conditionsMet(urgency, channel)) {
            return "条件不符（要求 " + (r.urgency() == null ? "" : "紧急程度 " + r.urgency() + " ") + (r.channel() == null ? "" : "渠道 " + r.channel())
                    + "）/ condition not met (order: urgency " + urgency + ", channel " + channel + ")";
        }
        return null;
    }

    /** Why an applicable rule lost to the winner, in the words of the ranking. */
    private static String lostTo(DispatchRule r, DispatchRule w) {
        if (r.precedence() != w.precedence()) {
            return "优先级 " + r.precedence() + " 低于规则 #" + w.id() + " 的 " + w.precedence() + " / lower precedence than rule #" + w.id();
        }
        if (r.specificity() != w.specificity()) {
            return "优先级相同，规则 #" + w.id() + " 的适用区域或条件更具体 / same precedence: rule #" + w.id() + " is more specific";
        }
        if (!r.effectiveFrom().equals(w.effectiveFrom())) {
            return "优先级和具体程度相同，规则 #" + w.id() + " 生效较晚（较新）/ same precedence and specificity: rule #" + w.id() + " is newer";
        }
        return "与规则 #" + w.id() + " 完全并列，按编号较小者 — 请在检查中处理 / exact tie with rule #" + w.id()
                + ": the lower id wins — see the check";
    }

    private List<Unit> assisting(DispatchRule rule, Unit lead, String place) {
        Set<Unit> out = new LinkedHashSet<>();
        rule.assistingTypes().forEach(t -> resolve(null, t, place).ifPresent(out::add));
        rule.assistingUnitIds().forEach(id -> resolve(id, null, place).ifPresent(out::add));
        return out.stream().filter(u -> !u.getId().equals(lead.getId())).distinct().toList();
    }

    /** A named unit if still active, or the unit of a type at the place (department: the district's, else the city's). */
    private Optional<Unit> resolve(Long unitId, String type, String place) {
        if (unitId != null) return units.find(unitId).filter(Unit::isActive);
        return switch (type) {
            case "STREET" -> place.length() >= 9 ? units.at(UnitKind.STREET_OFFICE, place.substring(0, 9)) : Optional.empty();
            case "COMMUNITY" -> place.length() >= 12 ? units.at(UnitKind.COMMUNITY_COMMITTEE, place.substring(0, 12)) : Optional.empty();
            default -> units.department(DepartmentType.valueOf(type), place);
        };
    }

    private String explanation(Category category, Decision d) {
        DispatchRule r = d.rule();
        return "按" + r.describeChinese() + "，类别「" + category.name() + "」由" + d.lead().getName() + "主办 / by "
                + r.describeEnglish() + ", " + category.nameEn() + " is led by " + d.lead().getName();
    }

    private static String target(DispatchRule r) {
        return r.leadUnitId() != null ? "单位 unit " + r.leadUnitId() : r.leadType();
    }

    // ---- the check -------------------------------------------------------------------------------------------

    /**
     * Findings for the catalogue in force on a day (default today; a later day checks changes already entered):
     * NO_RULE, then MISSING_UNIT, then PUSHED_DOWN (a duty list entered after the rule makes its community lead
     * department work), then AMBIGUOUS_TIE.
     */
    public List<Finding> check(LocalDate on) {
        List<DispatchRule> rules = catalogue.inForce(on == null ? catalogue.today() : on);
        List<Finding> findings = new ArrayList<>();
        Set<String> some = new HashSet<>();
        Set<String> everywhere = new HashSet<>();
        for (DispatchRule r : rules) {
            some.add(r.categoryCode());
            if (r.urgency() == null && r.channel() == null && (r.territoryCode() == null || r.territoryCode().equals(Scope.CITY))) {
                everywhere.add(r.categoryCode());
            }
        }
        for (Category c : categories.all()) {
            if (!some.contains(c.code())) {
                findings.add(new Finding(FindingKind.NO_RULE, c.code(), null, "类别「" + c.name() + "」没有生效的派单规则，将由属地街道兜底 / "
                        + c.nameEn() + " has no rule in force: the street of the place leads (属地兜底)"));
            } else if (!everywhere.contains(c.code())) {
                findings.add(new Finding(FindingKind.NO_RULE, c.code(), null, "类别「" + c.name() + "」只在部分区域或条件下有规则，其余由属地街道兜底 / "
                        + c.nameEn() + " has rules only for some territories or conditions: elsewhere the street leads (属地兜底)"));
            }
        }
        Presence presence = presence();
        for (DispatchRule r : rules) findings.addAll(missingUnits(r, presence));
        LocalDate day = on == null ? catalogue.today() : on;
        for (DispatchRule r : rules) findings.addAll(pushedDown(r, day));
        findings.addAll(ties(rules));
        return findings;
    }

    /** Where units exist: active units by kind, and departments by type and division. */
    private record Presence(Set<Long> activeUnits, Set<String> streets, Set<String> communities, Set<String> departments) {
    }

    private Presence presence() {
        Set<Long> active = new HashSet<>();
        Set<String> streets = new HashSet<>();
        Set<String> communities = new HashSet<>();
        Set<String> departments = new HashSet<>();
        for (UnitKind kind : List.of(UnitKind.DEPARTMENT, UnitKind.STREET_OFFICE, UnitKind.COMMUNITY_COMMITTEE)) {
            for (int page = 0; ; page++) {
                Paging<Units.UnitRow> rows = units.search(null, kind, null, page, Paging.MAX_SIZE);
                for (Units.UnitRow u : rows.items()) {
                    if (!u.active()) continue;
                    active.add(u.id());
                    switch (kind) {
                        case STREET_OFFICE -> streets.add(u.divisionCode());
                        case COMMUNITY_COMMITTEE -> communities.add(u.divisionCode());
                        default -> departments.add(u.departmentType() + "@" + u.divisionCode());
                    }
                }
                if (!rows.hasNext()) break;
            }
        }
        return new Presence(active, streets, communities, departments);
    }

    private List<Finding> pushedDown(DispatchRule r, LocalDate day) {
        Optional<Category> category = categories.find(r.categoryCode());
        if (category.isEmpty()) return List.of();
        Unit lead = r.leadUnitId() == null ? null : units.find(r.leadUnitId()).orElse(null);
        return catalogue.pushDownReasons(category.get(), r.territoryCode(), r.leadType(), lead, day, day).stream()
                .map(reason -> new Finding(FindingKind.PUSHED_DOWN, r.categoryCode(), r.id(), r.describeChinese() + "：社区主办部门职责事项 / a"
                        + " community leads department work — " + reason.reason()))
                .toList();
    }

    private List<Finding> missingUnits(DispatchRule r, Presence p) {
        List<Finding> out = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        if (r.leadUnitId() != null) ids.add(r.leadUnitId());
        ids.addAll(r.assistingUnitIds());
        for (Long id : ids) {
            if (!p.activeUnits().contains(id) && units.find(id).filter(Unit::isActive).isEmpty()) {
                out.add(new Finding(FindingKind.MISSING_UNIT, r.categoryCode(), r.id(), r.describeChinese() + "：单位 " + id
                        + " 已不存在或已停用 / " + r.describeEnglish() + ": unit " + id + " no longer exists or is inactive"));
            }
        }
        List<String> types = new ArrayList<>();
        if (r.leadType() != null) types.add(r.leadType());
        types.addAll(r.assistingTypes());
        for (String type : types) {
            List<Division> lacking = lacking(r, type, p);
            if (lacking.isEmpty()) continue;
            String names = String.join("、", lacking.stream().limit(5).map(Division::name).toList()) + (lacking.size() > 5 ? "等" : "");
            out.add(new Finding(FindingKind.MISSING_UNIT, r.categoryCode(), r.id(), r.describeChinese() + "：" + type + " 在 " + lacking.size()
                    + " 处没有对应单位（" + names + "）/ " + r.describeEnglish() + ": no " + type + " unit at " + lacking.size()
                    + " places under its territory"));
        }
        return out;
    }

    /** The places under the rule's territory where a unit of the type cannot be found. */
    private List<Division> lacking(DispatchRule r, String type, Presence p) {
        return switch (type) {
            case "STREET" -> under(r, Level.STREET).stream().filter(d -> !p.streets().contains(d.code())).toList();
            case "COMMUNITY" -> under(r, Level.COMMUNITY).stream().filter(d -> !p.communities().contains(d.code())).toList();
            default -> under(r, Level.DISTRICT).stream()
                    .filter(d -> !p.departments().contains(type + "@" + d.code()) && !p.departments().contains(type + "@" + Scope.CITY))
                    .toList();
        };
    }

    /** The divisions of a level the rule's territory holds (the node's own ancestor when the node is deeper). */
    private List<Division> under(DispatchRule r, Level level) {
        String node = r.territoryCode();
        if (node == null) return territory.all(level);
        if (node.length() >= codeLength(level) && !node.equals(Scope.CITY)) {
            return territory.find(node.substring(0, codeLength(level))).stream().toList();
        }
        return territory.all(level).stream().filter(d -> d.code().startsWith(Scope.prefix(node))).toList();
    }

    private static int codeLength(Level level) {
        return switch (level) {
            case DISTRICT -> 6;
            case STREET -> 9;
            default -> 12;
        };
    }

    /** Rules in force of one category that nothing but their id tells apart: same precedence, territory and conditions. */
    private static List<Finding> ties(List<DispatchRule> rules) {
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            for (int j = i + 1; j < rules.size(); j++) {
                DispatchRule a = rules.get(i);
                DispatchRule b = rules.get(j);
                if (a.categoryCode().equals(b.categoryCode()) && sameKey(a, b)) {
                    out.add(new Finding(FindingKind.AMBIGUOUS_TIE, a.categoryCode(), b.id(), "规则 #" + a.id() + " 与 #" + b.id()
                            + " 的类别、适用区域、条件和优先级完全相同，只能按生效日期或编号取舍 / rules #" + a.id() + " and #" + b.id()
                            + " have the same territory, conditions and precedence: only their dates or ids decide"));
                }
            }
        }
        return out;
    }

    private static boolean sameKey(DispatchRule a, DispatchRule b) {
        return a.precedence() == b.precedence() && java.util.Objects.equals(a.territoryLevel(), b.territoryLevel())
                && java.util.Objects.equals(a.territoryCode(), b.territoryCode()) && java.util.Objects.equals(a.urgency(), b.urgency())
                && java.util.Objects.equals(a.channel(), b.channel());
    }

    private static UnitRef ref(Unit u) {
        return new UnitRef(u.getId(), u.getName());
    }

    private static String name(Enum<?> e) {
        return e == null ? null : e.name();
    }

    private static <E extends Enum<E>> String upper(String value, Class<E> type) {
        String v = value.strip().toUpperCase();
        for (E e : type.getEnumConstants()) if (e.name().equals(v)) return v;
        throw org.hemei.shared.DomainException.badRequest(type.getSimpleName().toLowerCase() + " 取值无效 / must be one of "
                + java.util.Arrays.toString(type.getEnumConstants()) + ": " + value);
    }
}

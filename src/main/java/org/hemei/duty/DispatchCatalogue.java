package org.hemei.duty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hemei.casework.Categories;
import org.hemei.casework.Category;
import org.hemei.casework.Channel;
import org.hemei.casework.TimeLimit;
import org.hemei.casework.Urgency;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.organization.DepartmentType;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dispatch catalogue 派单目录: its rules, how the 12345 centre edits them (create, change with the version,
 * end — never delete), the refusal to push department work down to communities, and the seed (one city-wide rule
 * per category from the category table, so routing starts out as it was).
 */
@Service
public class DispatchCatalogue {

    public record RuleForm(String categoryCode, String territoryLevel, String territoryCode, String urgency, String channel,
            String leadType, Long leadUnitId, List<String> assistingTypes, List<Long> assistingUnitIds, Integer precedence,
            LocalDate effectiveFrom, LocalDate effectiveTo, String note, Integer version) {
    }

    /** lastDay: the last day the rule is in force; by default yesterday, so it no longer applies from today. */
    public record EndForm(LocalDate lastDay, String reason, Integer version) {
    }

    /** One reason a rule is refused, e.g. PUSH_DOWN with what makes the category department work. */
    public record Refusal(String rule, String reason) {
    }

    static final LocalDate SEED_FROM = LocalDate.of(2025, 1, 1);
    static final List<String> TERRITORIAL_TYPES = List.of("STREET", "COMMUNITY");

    private final JdbcClient jdbc;
    private final Categories categories;
    private final Territory territory;
    private final Units units;
    private final List<DepartmentDuties> duties;
    private final AuditLog audit;
    private final Clock clock;
    private final AtomicBoolean seeded = new AtomicBoolean();

    DispatchCatalogue(JdbcClient jdbc, Categories categories, Territory territory, Units units, List<DepartmentDuties> duties,
            AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.categories = categories;
        this.territory = territory;
        this.units = units;
        this.duties = duties;
        this.audit = audit;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(TimeLimit.CHINA));
    }

    /** The 12345 centre edits the catalogue: administrators and dispatchers acting for the whole city. */
    public static boolean mayEdit(Actor actor) {
        return actor.isAdmin() || (actor.has(Role.DISPATCHER) && actor.scope().isCityWide());
    }

    @Transactional
    public DispatchRule create(RuleForm form) {
        requireCentre();
        Valid v = validate(form);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into dispatch_rule(category_code, territory_level, territory_code, urgency, channel, lead_type, lead_unit_id,
                  assisting_types, assisting_units, precedence, effective_from, effective_to, note, seeded, created_at, created_by)
                values (:category, :level, :code, :urgency, :channel, :leadType, :leadUnit, :assistTypes, :assistUnits,
                  :precedence, :from, :to, :note, false, :now, :by)""")
                .params(v.params()).param("now", OffsetDateTime.now(clock)).param("by", Actor.current().username())
                .update(keys, "id");
        DispatchRule rule = get(keys.getKey().longValue());
        audit.record("DISPATCH_RULE_CREATED", "dispatch-rule:" + rule.id(), rule.categoryCode() + " " + rule.describe());
        return rule;
    }

    @Transactional
    public DispatchRule update(long id, RuleForm form) {
        requireCentre();
        DispatchRule before = get(id);
        if (before.endedAt() != null) {
            throw DomainException.conflict("规则 #" + id + " 已终止，不能再修改；请新增规则 / rule " + id + " was ended: add a new rule instead");
        }
        if (form.version() == null) throw DomainException.badRequest("请提供 version（乐观锁）/ version is required");
        Valid v = validate(form);
        int n = jdbc.sql("""
                update dispatch_rule set category_code = :category, territory_level = :level, territory_code = :code,
                  urgency = :urgency, channel = :channel, lead_type = :leadType, lead_unit_id = :leadUnit,
                  assisting_types = :assistTypes, assisting_units = :assistUnits, precedence = :precedence,
                  effective_from = :from, effective_to = :to, note = :note, version = version + 1
                where id = :id and version = :version and ended_at is null""")
                .params(v.params()).param("id", id).param("version", form.version()).update();
        if (n != 1) throw DomainException.conflict(DomainException.STALE);
        DispatchRule after = get(id);
        audit.record("DISPATCH_RULE_CHANGED", "dispatch-rule:" + id, before.describe() + " → " + after.describe());
        return after;
    }

    /** Ends a rule: it stays in the catalogue (and in every explanation given while it was in force). */
    @Transactional
    public DispatchRule end(long id, EndForm form) {
        requireCentre();
        DispatchRule rule = get(id);
        if (form.reason() == null || form.reason().isBlank() || form.reason().strip().length() > 500) {
            throw DomainException.badRequest("请说明终止理由（不超过500字）/ reason is required (at most 500 characters)");
        }
        if (form.version() == null) throw DomainException.badRequest("请提供 version（乐观锁）/ version is required");
        if (rule.endedAt() != null) throw DomainException.conflict("规则 #" + id + " 已终止 / rule " + id + " was already ended");
        LocalDate lastDay = form.lastDay() != null ? form.lastDay() : defaultLastDay(rule);
        if (lastDay.isBefore(rule.effectiveFrom().minusDays(1))) {
            throw DomainException.badRequest("最后生效日不能早于生效日期前一天 " + rule.effectiveFrom().minusDays(1)
                    + " / lastDay must be on or after " + rule.effectiveFrom().minusDays(1));
        }
        int n = jdbc.sql("""
                update dispatch_rule set effective_to = ?, ended_at = ?, ended_by = ?, end_reason = ?, version = version + 1
                where id = ? and version = ? and ended_at is null""")
                .params(lastDay, OffsetDateTime.now(clock), Actor.current().username(), form.reason().strip(), id, form.version())
                .update();
        if (n != 1) throw DomainException.conflict(DomainException.STALE);
        audit.record("DISPATCH_RULE_ENDED", "dispatch-rule:" + id, "last day " + lastDay + ": " + form.reason().strip());
        return get(id);
    }

    /** Yesterday, so the rule no longer applies from today; a rule not yet in force never comes into force. */
    private LocalDate defaultLastDay(DispatchRule rule) {
        LocalDate last = today().minusDays(1);
        if (last.isBefore(rule.effectiveFrom())) return rule.effectiveFrom().minusDays(1);
        return rule.effectiveTo() != null && rule.effectiveTo().isBefore(last) ? rule.effectiveTo() : last;
    }

    public DispatchRule get(long id) {
        ensureSeeded();
        return query(" where id = :id", Map.of("id", id)).stream().findFirst()
                .orElseThrow(() -> DomainException.notFound("派单规则不存在 / no dispatch rule " + id));
    }

    /** Every rule of a category, whatever its dates (routing and explanations filter by day). */
    public List<DispatchRule> rulesOf(String categoryCode) {
        ensureSeeded();
        return query(" where category_code = :category order by id", Map.of("category", categoryCode));
    }

    /** Rules in force on the day (the check looks at these). */
    public List<DispatchRule> inForce(LocalDate day) {
        ensureSeeded();
        return query(" where effective_from <= :day and (effective_to is null or effective_to >= :day) order by category_code, id",
                Map.of("day", day));
    }

    /** status: current (in force today), future, ended (no longer in force) or all; territory: rules on that node. */
    public Paging<DispatchRule> list(String category, String status, String territoryCode, Boolean seededOnly, int page, int size) {
        ensureSeeded();
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        params.put("today", today());
        if (category != null && !category.isBlank()) {
            where.append(" and category_code = :category");
            params.put("category", category.strip().toUpperCase());
        }
        if (territoryCode != null && !territoryCode.isBlank()) {
            where.append(" and territory_code = :territory");
            params.put("territory", territoryCode.strip());
        }
        if (seededOnly != null) {
            where.append(" and seeded = :seeded");
            params.put("seeded", seededOnly);
        }
        where.append(switch (status == null || status.isBlank() ? "all" : status.strip().toLowerCase()) {
            case "current" -> " and effective_from <= :today and (effective_to is null or effective_to >= :today)";
            case "future" -> " and effective_from > :today";
            case "ended" -> " and effective_to < :today";
            case "all" -> "";
            default -> throw DomainException.badRequest("status 须为 current、future、ended 或 all / status must be current,"
                    + " future, ended or all: " + status);
        });
        long total = jdbc.sql("select count(*) from dispatch_rule" + where).params(params).query(Long.class).single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<DispatchRule> items = query(where + " order by category_code, precedence desc, id limit :size offset :offset", params);
        return new Paging<>(items, page, size, total);
    }

    /**
     * Seeds one city-wide rule per category from the category table, once, when the catalogue is first used with
     * the categories loaded (both are seeded by start-up runners whose order is not fixed, so this is lazy).
     */
    @EventListener(ApplicationReadyEvent.class)
    public void ensureSeeded() {
        if (seeded.get()) return;
        synchronized (seeded) {
            if (seeded.get() || categories.all().isEmpty()) return;
            if (jdbc.sql("select count(*) from dispatch_rule").query(Long.class).single() == 0) {
                for (Category c : categories.all()) {
                    jdbc.sql("""
                            insert into dispatch_rule(category_code, territory_level, lead_type, assisting_types, precedence,
                              effective_from, note, seeded, created_at, created_by)
                            values (?, 'CITY', ?, ?, 0, ?, ?, true, ?, 'system')""")
                            .params(c.code(), c.lead(), String.join(";", c.assisting()), SEED_FROM,
                                    "由类别表生成 / seeded from the category table", OffsetDateTime.now(clock))
                            .update();
                }
                audit.record("system", "DISPATCH_RULES_SEEDED", "dispatch-rule", categories.all().size() + " city-wide rules");
            }
            seeded.set(true);
        }
    }

    private static void requireCentre() {
        if (!mayEdit(Actor.current())) {
            throw new AccessDeniedException("only the 12345 centre (administrators, city-wide dispatchers) edits the dispatch catalogue");
        }
    }

    /** The checked values of a form, as SQL parameters. */
    private record Valid(Map<String, Object> params) {
    }

    private Valid validate(RuleForm f) {
        Category category = categories.find(f.categoryCode() == null ? null : f.categoryCode().strip().toUpperCase())
                .orElseThrow(() -> DomainException.badRequest("未知的诉求类别 / unknown categoryCode: " + f.categoryCode()));
        String level = blank(f.territoryLevel()) ? null : f.territoryLevel().strip().toUpperCase();
        String code = blank(f.territoryCode()) ? null : f.territoryCode().strip();
        if ((level == null) == (code == null)) {
            throw DomainException.badRequest("请填写适用区域：层级 territoryLevel（CITY/DISTRICT/STREET）或区划代码 territoryCode，二者选一"
                    + " / give exactly one of territoryLevel (CITY, DISTRICT, STREET) or territoryCode");
        }
        if (level != null && !DispatchRule.LEVELS.contains(level)) {
            throw DomainException.badRequest("territoryLevel 须为 CITY、DISTRICT 或 STREET / territoryLevel must be CITY, DISTRICT or STREET: " + level);
        }
        if (code != null && (!code.startsWith(Scope.prefix(Scope.CITY)) || !territory.exists(code))) {
            throw DomainException.badRequest("区划代码不存在或不在长沙市 / unknown territoryCode (not a division of Changsha): " + code);
        }
        String urgency = enumName(f.urgency(), Urgency.class, "urgency");
        String channel = enumName(f.channel(), Channel.class, "channel");
        String leadType = blank(f.leadType()) ? null : f.leadType().strip().toUpperCase();
        if ((leadType == null) == (f.leadUnitId() == null)) {
            throw DomainException.badRequest("请指定主办：单位 leadUnitId 或单位类型 leadType，二者选一 / give exactly one of leadUnitId or leadType");
        }
        Unit leadUnit = f.leadUnitId() == null ? null : activeUnit(f.leadUnitId(), "leadUnitId");
        if (leadType != null) checkType(leadType, "leadType");
        List<String> assistTypes = f.assistingTypes() == null ? List.of()
                : f.assistingTypes().stream().filter(t -> !blank(t)).map(t -> t.strip().toUpperCase()).distinct().toList();
        assistTypes.forEach(t -> checkType(t, "assistingTypes"));
        List<Long> assistUnits = f.assistingUnitIds() == null ? List.of() : f.assistingUnitIds().stream().distinct().toList();
        assistUnits.forEach(id -> activeUnit(id, "assistingUnitIds"));
        if (assistTypes.size() + assistUnits.size() > 10) {
            throw DomainException.badRequest("协办单位最多10个 / at most 10 assisting units or types");
        }
        int precedence = f.precedence() == null ? 0 : f.precedence();
        if (precedence < -1000 || precedence > 1000) {
            throw DomainException.badRequest("优先级须在 -1000 至 1000 之间 / precedence must be between -1000 and 1000");
        }
        LocalDate from = f.effectiveFrom() == null ? today() : f.effectiveFrom();
        if (f.effectiveTo() != null && f.effectiveTo().isBefore(from)) {
            throw DomainException.badRequest("失效日期不能早于生效日期 / effectiveTo must be on or after effectiveFrom " + from);
        }
        if (f.note() != null && f.note().strip().length() > 500) {
            throw DomainException.badRequest("说明/依据不超过500字 / note: at most 500 characters");
        }
        refusePushDown(category, code, leadType, leadUnit, from, f.effectiveTo());
        Map<String, Object> p = new HashMap<>();
        p.put("category", category.code());
        p.put("level", level);
        p.put("code", code);
        p.put("urgency", urgency);
        p.put("channel", channel);
        p.put("leadType", leadType);
        p.put("leadUnit", f.leadUnitId());
        p.put("assistTypes", String.join(";", assistTypes));
        p.put("assistUnits", String.join(";", assistUnits.stream().map(String::valueOf).toList()));
        p.put("precedence", precedence);
        p.put("from", from);
        p.put("to", f.effectiveTo());
        p.put("note", blank(f.note()) ? null : f.note().strip());
        return new Valid(p);
    }

    /**
     * 不得将部门职责下沉社区: a community may not lead a category that is department work — by the category table's
     * default lead, or by any duty list in force at the rule's territory on any of its days.
     */
    private void refusePushDown(Category category, String territoryCode, String leadType, Unit leadUnit, LocalDate from, LocalDate to) {
        List<Refusal> reasons = pushDownReasons(category, territoryCode, leadType, leadUnit, from, to);
        if (reasons.isEmpty()) return;
        throw DomainException.unprocessable("不得将部门职责事项下沉给社区主办：" + String.join("；", reasons.stream().map(Refusal::reason).toList())
                + " / department work may not be pushed down to communities", reasons);
    }

    /** Why a community leading this would push department work down (empty when it would not); the check asks too. */
    List<Refusal> pushDownReasons(Category category, String territoryCode, String leadType, Unit leadUnit, LocalDate from, LocalDate to) {
        boolean communityLeads = "COMMUNITY".equals(leadType) || (leadUnit != null && leadUnit.getKind() == UnitKind.COMMUNITY_COMMITTEE);
        if (!communityLeads) return List.of();
        List<Refusal> reasons = new ArrayList<>();
        if (!TERRITORIAL_TYPES.contains(category.lead())) {
            reasons.add(new Refusal("CATEGORY_TABLE", "类别表规定「" + category.name() + "」由"
                    + DepartmentType.valueOf(category.lead()).chinese() + "部门主办 / the category table makes " + category.nameEn()
                    + " the work of " + category.lead()));
        }
        Set<String> listed = new LinkedHashSet<>();
        for (String place : placesToAsk(territoryCode, leadUnit)) {
            for (DepartmentDuties d : duties) d.departmentWork(category.code(), place, from, to).ifPresent(listed::add);
        }
        listed.forEach(r -> reasons.add(new Refusal("DUTY_LIST", r)));
        return reasons;
    }

    /**
     * Where the duty lists are asked: the rule's node (or the community unit's place, or the city), and — since street
     * duty lists are kept per street — every street under a territory wider than a street.
     */
    private List<String> placesToAsk(String territoryCode, Unit leadUnit) {
        if (duties.isEmpty()) return List.of();
        String node = territoryCode != null ? territoryCode : leadUnit != null ? leadUnit.getDivisionCode() : Scope.CITY;
        List<String> places = new ArrayList<>(List.of(node));
        if (territoryCode == null && leadUnit != null) return places;
        if (node.length() < 9) {
            territory.all(Level.STREET).stream().map(Division::code).filter(c -> c.startsWith(Scope.prefix(node))).sorted()
                    .forEach(places::add);
        }
        return places;
    }

    private Unit activeUnit(long id, String field) {
        Unit unit = units.find(id).orElseThrow(() -> DomainException.badRequest("单位不存在 / " + field + ": no unit " + id));
        if (!unit.isActive()) throw DomainException.badRequest("单位已停用 / " + field + ": unit " + id + " is inactive");
        return unit;
    }

    private static void checkType(String type, String field) {
        if (TERRITORIAL_TYPES.contains(type)) return;
        if (Arrays.stream(DepartmentType.values()).noneMatch(t -> t.name().equals(type))) {
            throw DomainException.badRequest(field + " 须为部门类别（如 CHENGGUAN）、STREET 或 COMMUNITY / " + field
                    + " must be a department type (e.g. CHENGGUAN), STREET or COMMUNITY: " + type);
        }
    }

    private static <E extends Enum<E>> String enumName(String value, Class<E> type, String field) {
        if (blank(value)) return null;
        try {
            return Enum.valueOf(type, value.strip().toUpperCase()).name();
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest(field + " 取值无效 / " + field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ": " + value);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private List<DispatchRule> query(String whereAndOrder, Map<String, Object> params) {
        return jdbc.sql("""
                select id, category_code, territory_level, territory_code, urgency, channel, lead_type, lead_unit_id,
                  assisting_types, assisting_units, precedence, effective_from, effective_to, note, seeded, created_at,
                  created_by, ended_at, ended_by, end_reason, version from dispatch_rule""" + whereAndOrder)
                .params(params)
                .query((rs, i) -> {
                    String code = rs.getString(4);
                    Long leadUnit = rs.getObject(8) == null ? null : rs.getLong(8);
                    return new DispatchRule(rs.getLong(1), rs.getString(2), rs.getString(3), code,
                            code == null ? null : territory.find(code).map(Division::name).orElse(null), rs.getString(5),
                            rs.getString(6), rs.getString(7), leadUnit,
                            leadUnit == null ? null : units.find(leadUnit).map(Unit::getName).orElse(null),
                            split(rs.getString(9)), split(rs.getString(10)).stream().map(Long::valueOf).toList(), rs.getInt(11),
                            rs.getObject(12, LocalDate.class), rs.getObject(13, LocalDate.class), rs.getString(14),
                            rs.getBoolean(15), rs.getObject(16, OffsetDateTime.class), rs.getString(17),
                            rs.getObject(18, OffsetDateTime.class), rs.getString(19), rs.getString(20), rs.getInt(21));
                })
                .list();
    }

    private static List<String> split(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(";")).map(String::strip).toList();
    }
}

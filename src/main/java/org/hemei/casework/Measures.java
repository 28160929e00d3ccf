package org.hemei.casework;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.organization.Unit;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.hemei.territory.Division;
import org.hemei.territory.Territory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * The measures 考核指标 of a unit or a territory, per day, computed from the orders' timelines
 * ({@code work_order_event}). Days are calendar days in Asia/Shanghai; {@code from} and {@code to} are inclusive.
 * The full definitions, with their sources (GB/T 30428, Beijing's 接诉即办) are in {@code docs/kpis.md}; in short,
 * counting the timeline events that fall on a day:
 * <ul>
 * <li><b>received</b> = RECEIVE events (every channel, including orders answered and closed at intake 直接办结, which
 * Changsha counts); <b>closedAtIntake</b> = CLOSE_AT_INTAKE events.</li>
 * <li><b>dispatched</b> = DISPATCH + REDISPATCH events (a dispatch to the unit).</li>
 * <li><b>signedOnTimeRate</b> (响应率) = SIGN events without the note {@code overdue} ÷ SIGN events.</li>
 * <li><b>handledOnTimeRate</b> (按期办结率) = HANDLE events at or before the order's handling deadline ÷ HANDLE
 * events. Approximation: the deadline compared is the order's <i>current</i> {@code handle_due_at}, not the one
 * in force at the time (an extension or a suspension granted after a handling moves it).</li>
 * <li><b>resolutionRate</b> (解决率) = FOLLOW_UP events that closed the order (to status CLOSED, i.e. the requester's
 * problem was resolved) ÷ FOLLOW_UP events. Read from the event itself, so a later reopening does not rewrite it.</li>
 * <li><b>satisfactionRate</b> (满意率) = FOLLOW_UP events whose note begins with SATISFIED or BASICALLY_SATISFIED ÷
 * FOLLOW_UP events.</li>
 * <li><b>reworkRate</b> (返工率) = (VERIFY_FAILED + REOPEN) ÷ HANDLE events.</li>
 * <li><b>returnRate</b> (回退率) = REQUEST_RETURN ÷ (DISPATCH + REDISPATCH) events (requests, accepted or not).</li>
 * <li><b>accurateDispatchRate</b> (准确派遣率) = 1 − dispatches later returned and re-dispatched (the order has a
 * REDISPATCH after this DISPATCH/REDISPATCH) ÷ (DISPATCH + REDISPATCH); counted on the day of the original
 * dispatch, as known when asked. A dispatcher's correction of the routing's suggestion is not an inaccurate
 * dispatch; it is counted apart ({@code dispatchesCorrected}).</li>
 * <li><b>whistleReportsOnTimeRate</b> (吹哨报到按时报到率) = REPORT events made by the summoned department's
 * deadline ÷ REPORT events (a late report's note begins with "overdue"). A department that never reports is
 * not in this rate; it gets a REPORT_OVERDUE supervision record instead.</li>
 * </ul>
 * Rates are null when the denominator is 0, rounded to 4 decimals otherwise.
 * <p>
 * Who an event counts for: a unit's are the events whose {@code unit_id} is that unit, or, where the event names
 * no unit (RECEIVE, FOLLOW_UP, CLOSE…), whose order the unit leads now. A territory's are the events of orders
 * whose place lies inside it (division code prefix).
 * <p>
 * One grouped query (by day and action) over the events of the range; the day index is computed from the epoch
 * seconds, since Asia/Shanghai has kept UTC+8 without daylight saving since 1991 (checked for every range).
 */
@Service
public class Measures {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    public static final int DEFAULT_DAYS = 30;
    public static final int MAX_DAYS = 366;

    /** What the figures cover: one unit, one territory, or everything the caller may see. */
    public record Subject(String kind, Long unitId, String unitName, String divisionCode, String divisionName) {
    }

    /** One day's figures (or the range's, with {@code day} null). */
    public record Row(LocalDate day, long received, long closedAtIntake, long dispatched, long signed, long signedOnTime,
            long handled, long handledOnTime, long followUps, long resolved, long satisfied, long reworks,
            long returnRequests, long dispatchesReturned, long dispatchesCorrected, Double signedOnTimeRate,
            Double handledOnTimeRate, Double resolutionRate, Double satisfactionRate, Double reworkRate, Double returnRate,
            Double accurateDispatchRate, Double whistleReportsOnTimeRate) {
    }

    public record Kpis(Subject subject, LocalDate from, LocalDate to, String timeZone, List<Row> days, Row total,
            List<String> notes) {
    }

    static final List<String> NOTES = List.of(
            "handledOnTimeRate compares with the order's current handling deadline (extensions and suspensions move it)",
            "accurateDispatchRate counts a dispatch as inaccurate once the order has been returned and re-dispatched, as known now",
            "whistleReportsOnTimeRate counts reports made; a department that never reports gets a REPORT_OVERDUE supervision record",
            "definitions: docs/kpis.md");

    private static final List<String> ACTIONS = List.of("RECEIVE", "CLOSE_AT_INTAKE", "DISPATCH", "REDISPATCH", "SIGN",
            "HANDLE", "VERIFY_FAILED", "REOPEN", "FOLLOW_UP", "REQUEST_RETURN", "REPORT");

    private final JdbcClient jdbc;
    private final Units units;
    private final Territory territory;
    private final Clock clock;

    Measures(JdbcClient jdbc, Units units, Territory territory, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.territory = territory;
        this.clock = clock;
    }

    /**
     * The measures of a unit, or a territory, or (both null) the caller's whole scope, for the dates given as
     * {@code yyyy-MM-dd} (both optional: the last 30 days up to today). Outside the caller's scope → 403.
     */
    public Kpis kpis(Long unitId, String divisionCode, String from, String to) {
        Selection s = select(unitId, divisionCode);
        LocalDate[] range = range(from, to);
        return compute(s.subject(), range[0], range[1], s.filter(), s.params());
    }

    /** A category's demands received over the range and over as many days just before it. */
    public record HotIssue(String category, long received, long previous) {
    }

    /**
     * 民生热点: the ten categories most received over the range (the same subjects and scope rule as {@link #kpis}),
     * each beside the period of the same length just before, so a rise shows. Orders not yet registered have no category.
     */
    public List<HotIssue> hotIssues(Long unitId, String divisionCode, String from, String to) {
        Selection s = select(unitId, divisionCode);
        LocalDate[] range = range(from, to);
        long days = ChronoUnit.DAYS.between(range[0], range[1]) + 1;
        List<Object> params = new ArrayList<>(List.of(utc(range[0]), utc(range[0].minusDays(days)), utc(range[1].plusDays(1))));
        params.addAll(s.params());
        return jdbc.sql("select t.category_code, sum(t.in_range), count(*) - sum(t.in_range) from ("
                + " select o.category_code, case when e.at >= ? then 1 else 0 end as in_range"
                + " from work_order_event e join work_order o on o.id = e.work_order_id"
                + " where e.action = 'RECEIVE' and e.at >= ? and e.at < ? and o.category_code is not null and " + s.filter()
                + ") t group by t.category_code order by 2 desc, 3 desc, t.category_code limit 10")
                .params(params).query((rs, i) -> new HotIssue(rs.getString(1), rs.getLong(2), rs.getLong(3))).list();
    }

    private static OffsetDateTime utc(LocalDate day) {
        return OffsetDateTime.ofInstant(day.atStartOfDay(ZONE).toInstant(), ZoneOffset.UTC);
    }

    /** Whose events the figures count, as an SQL condition over {@code work_order_event e} and {@code work_order o}. */
    private record Selection(Subject subject, String filter, List<Object> params) {
    }

    /** A unit's events, a territory's, or (both null) those of the caller's whole scope; outside the scope → 403. */
    private Selection select(Long unitId, String divisionCode) {
        Actor actor = Actor.current();
        boolean cityWide = actor.isAdmin() || actor.has(Role.DISPATCHER) || actor.has(Role.LEADER);
        if (!cityWide && !actor.has(Role.UNIT_STAFF)) throw new AccessDeniedException("measures are for the centre, leaders and units");
        String division = divisionCode == null || divisionCode.isBlank() ? null : divisionCode.strip();
        if (unitId != null && division != null) {
            throw DomainException.badRequest("unit 与 division 只能选一个 / give either unit or division, not both");
        }
        List<Object> params = new ArrayList<>();
        String filter;
        Subject subject;
        if (unitId != null) {
            Unit unit = units.find(unitId).orElse(null);
            if (unit == null) {
                if (!cityWide) throw new AccessDeniedException("unit " + unitId + " is outside your scope");
                throw DomainException.notFound("单位不存在 / no unit " + unitId);
            }
            if (!cityWide && !actor.scope().coversUnit(unit.getId(), unit.getDivisionCode())) {
                throw new AccessDeniedException("unit " + unitId + " is outside your scope");
            }
            filter = "coalesce(e.unit_id, o.lead_unit_id) = ?";
            params.add(unit.getId());
            subject = new Subject("UNIT", unit.getId(), unit.getName(), null, null);
        } else if (division != null) {
            Division d = territory.find(division).orElse(null);
            if (d == null) throw DomainException.badRequest("区划代码不存在 / unknown division " + division);
            if (!cityWide && !actor.covers(d.code())) throw new AccessDeniedException("division " + division + " is outside your scope");
            filter = "o.division_code like ?";
            params.add(Scope.prefix(d.code()) + "%");
            subject = new Subject("DIVISION", null, null, d.code(), d.name());
        } else if (cityWide || actor.scope().isCityWide()) {
            filter = "1 = 1";
            subject = new Subject("CITY", null, null, Scope.CITY, territory.find(Scope.CITY).map(Division::name).orElse(null));
        } else {
            List<String> any = new ArrayList<>();
            for (Long unit : actor.scope().unitIds().stream().sorted().toList()) {
                any.add("coalesce(e.unit_id, o.lead_unit_id) = ?");
                params.add(unit);
            }
            for (String code : actor.scope().divisionCodes().stream().sorted().toList()) {
                any.add("o.division_code like ?");
                params.add(Scope.prefix(code) + "%");
            }
            filter = any.isEmpty() ? "1 = 0" : "(" + String.join(" or ", any) + ")";
            subject = new Subject("SCOPE", null, null, null, null);
        }
        return new Selection(subject, filter, params);
    }

    /** One place's measures beside the others of its territory (see {@link #breakdown}). */
    public record Place(String code, String name, Row total) {
    }

    /**
     * A territory's measures beside each other over the dates: one row per district of the city, street of a district or
     * community of a street, in code order (a community has nothing below it: empty). The same scope rule as
     * {@link #kpis} for a territory.
     */
    public List<Place> breakdown(String divisionCode, String from, String to) {
        Actor actor = Actor.current();
        boolean cityWide = actor.isAdmin() || actor.has(Role.DISPATCHER) || actor.has(Role.LEADER);
        if (!cityWide && !actor.has(Role.UNIT_STAFF)) throw new AccessDeniedException("measures are for the centre, leaders and units");
        Division d = territory.find(divisionCode == null ? Scope.CITY : divisionCode.strip())
                .orElseThrow(() -> DomainException.badRequest("区划代码不存在 / unknown division " + divisionCode));
        if (!cityWide && !actor.covers(d.code())) throw new AccessDeniedException("division " + d.code() + " is outside your scope");
        List<Division> children = territory.children(d.code());
        if (children.isEmpty()) return List.of();
        LocalDate[] range = range(from, to);
        int length = children.get(0).code().length();
        Map<String, Map<String, long[]>> byChild = new HashMap<>();
        countEvents("substring(o.division_code, 1, " + length + ")", List.of(), range[0].atStartOfDay(ZONE).toInstant(),
                range[1].plusDays(1).atStartOfDay(ZONE).toInstant(), "o.division_code like ?", List.of(Scope.prefix(d.code()) + "%"),
                (child, action, counts) -> add(byChild.computeIfAbsent(child, c -> new HashMap<>()), action, counts));
        return children.stream().map(c -> new Place(c.code(), c.name(), row(null, byChild.getOrDefault(c.code(), Map.of())))).toList();
    }

    private LocalDate[] range(String from, String to) {
        LocalDate today = LocalDate.now(clock.withZone(ZONE));
        LocalDate end = to == null || to.isBlank() ? null : date("to", to);
        LocalDate start = from == null || from.isBlank() ? null : date("from", from);
        if (end == null) end = start == null ? today : start.plusDays(DEFAULT_DAYS - 1);
        if (start == null) start = end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) throw DomainException.badRequest("from 晚于 to / from is after to");
        long days = ChronoUnit.DAYS.between(start, end) + 1;
        if (days > MAX_DAYS) {
            throw DomainException.badRequest("时间范围最多 " + MAX_DAYS + " 天 / the range is at most " + MAX_DAYS + " days, not " + days);
        }
        return new LocalDate[] { start, end };
    }

    private static LocalDate date(String name, String text) {
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest("日期格式应为 yyyy-MM-dd / " + name + " must be a date yyyy-MM-dd, not " + text);
        }
    }

    private Kpis compute(Subject subject, LocalDate from, LocalDate to, String filter, List<Object> scopeParams) {
        Instant start = from.atStartOfDay(ZONE).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(ZONE).toInstant();
        ZoneOffsetTransition next = ZONE.getRules().nextTransition(start);
        if (next != null && next.getInstant().isBefore(end)) {
            throw new IllegalStateException(ZONE + " changes its offset inside " + from + ".." + to + ": day buckets would be wrong");
        }
        // day index = floor((epoch seconds − epoch seconds of the first midnight) / 86400): every day has 86,400 s here.
        int dayCount = (int) ChronoUnit.DAYS.between(from, to) + 1;
        List<Map<String, long[]>> perDay = new ArrayList<>(dayCount);
        for (int i = 0; i < dayCount; i++) perDay.add(new HashMap<>());
        Map<String, long[]> all = new HashMap<>();
        countEvents("cast(floor((extract(epoch from e.at) - ?) / 86400) as int)", List.of(start.getEpochSecond()), start, end,
                filter, scopeParams, (key, action, counts) -> {
                    int d = Integer.parseInt(key);
                    if (d < 0 || d >= dayCount) return; // outside the range: impossible with the time bounds above
                    add(perDay.get(d), action, counts);
                    add(all, action, counts);
                });
        List<Row> days = new ArrayList<>(dayCount);
        for (int i = 0; i < dayCount; i++) days.add(row(from.plusDays(i), perDay.get(i)));
        return new Kpis(subject, from, to, ZONE.getId(), days, row(null, all), NOTES);
    }

    /** Receives one group's count of one action: {count, first flag, second flag} (see {@link #countEvents}). */
    private interface Counts {
        void of(String group, String action, long[] counts);
    }

    /**
     * Counts the measured events in [start, end) of the orders the filter selects, by {@code group} (an SQL expression,
     * its parameters in {@code groupParams}) and action, each with two flags per action: on time, resolved, satisfied,
     * returned or corrected, as the measures need.
     */
    private void countEvents(String group, List<Object> groupParams, Instant start, Instant end, String filter,
            List<Object> filterParams, Counts into) {
        String sql = "select t.g, t.action, count(*), sum(t.f1), sum(t.f2) from ("
                + " select " + group + " as g, e.action,"
                + "  case when e.action = 'SIGN' and (e.note is null or e.note <> 'overdue') then 1"
                + "       when e.action = 'REPORT' and e.note not like 'overdue %' then 1"
                + "       when e.action = 'HANDLE' and (o.handle_due_at is null or e.at <= o.handle_due_at) then 1"
                + "       when e.action = 'FOLLOW_UP' and e.to_status = 'CLOSED' then 1"
                + "       when e.action in ('DISPATCH', 'REDISPATCH') and exists (select 1 from work_order_event r"
                + "            where r.work_order_id = e.work_order_id and r.action = 'REDISPATCH' and r.id > e.id) then 1"
                + "       else 0 end as f1,"
                + "  case when e.action = 'FOLLOW_UP' and (e.note like 'SATISFIED%' or e.note like 'BASICALLY_SATISFIED%') then 1"
                + "       when e.action in ('DISPATCH', 'REDISPATCH') and e.note like '派单员更正了建议%' then 1"
                + "       else 0 end as f2"
                + " from work_order_event e join work_order o on o.id = e.work_order_id"
                + " where e.action in (" + String.join(", ", ACTIONS.stream().map(a -> "?").toList()) + ")"
                + " and e.at >= ? and e.at < ? and " + filter
                + ") t group by t.g, t.action";
        List<Object> params = new ArrayList<>(groupParams);
        params.addAll(ACTIONS);
        params.add(OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
        params.add(OffsetDateTime.ofInstant(end, ZoneOffset.UTC));
        params.addAll(filterParams);
        jdbc.sql(sql).params(params).query((org.springframework.jdbc.core.RowCallbackHandler) rs -> into.of(rs.getString(1),
                rs.getString(2), new long[] { rs.getLong(3), rs.getLong(4), rs.getLong(5) }));
    }

    private static void add(Map<String, long[]> into, String action, long[] counts) {
        long[] sum = into.computeIfAbsent(action, a -> new long[3]);
        for (int i = 0; i < 3; i++) sum[i] += counts[i];
    }

    private static Row row(LocalDate day, Map<String, long[]> c) {
        long received = n(c, "RECEIVE", 0), closedAtIntake = n(c, "CLOSE_AT_INTAKE", 0);
        long dispatched = n(c, "DISPATCH", 0) + n(c, "REDISPATCH", 0);
        long returned = n(c, "DISPATCH", 1) + n(c, "REDISPATCH", 1);
        long corrected = n(c, "DISPATCH", 2) + n(c, "REDISPATCH", 2);
        long signed = n(c, "SIGN", 0), signedOnTime = n(c, "SIGN", 1);
        long handled = n(c, "HANDLE", 0), handledOnTime = n(c, "HANDLE", 1);
        long followUps = n(c, "FOLLOW_UP", 0), resolved = n(c, "FOLLOW_UP", 1), satisfied = n(c, "FOLLOW_UP", 2);
        long reworks = n(c, "VERIFY_FAILED", 0) + n(c, "REOPEN", 0);
        long returnRequests = n(c, "REQUEST_RETURN", 0);
        return new Row(day, received, closedAtIntake, dispatched, signed, signedOnTime, handled, handledOnTime, followUps,
                resolved, satisfied, reworks, returnRequests, returned, corrected, rate(signedOnTime, signed),
                rate(handledOnTime, handled), rate(resolved, followUps), rate(satisfied, followUps), rate(reworks, handled),
                rate(returnRequests, dispatched), rate(dispatched - returned, dispatched),
                rate(n(c, "REPORT", 1), n(c, "REPORT", 0)));
    }

    private static long n(Map<String, long[]> c, String action, int i) {
        long[] v = c.get(action);
        return v == null ? 0 : v[i];
    }

    /** null when nothing to measure; else rounded to 4 decimals. */
    static Double rate(long part, long whole) {
        if (whole == 0) return null;
        return BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP).doubleValue();
    }
}

package org.hemei.casework;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.hemei.identity.Actor;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 吹哨报到: a street or community that cannot solve a problem alone summons departments; each must report
 * (acknowledge and act) within its limit — 30 minutes for emergencies, one working day otherwise — and the
 * street rates each department's response. Overdue reports are flagged by the deadline watch.
 */
@Service
public class Whistles {

    public enum Rating { GOOD, FAIR, POOR }

    public record Summons(long id, long unitId, String unitName, Instant dueAt, Instant reportedAt, String reportNote,
            String rating, boolean overdue, boolean onTime) {
    }

    public record WhistleView(long id, String blownBy, Long blownByUnit, Instant blownAt, String reason, List<Summons> summons) {
    }

    private final JdbcClient jdbc;
    private final OrderAccess access;
    private final Units units;
    private final Calendars calendars;
    private final Notifications notifications;
    private final Timeline timeline;
    private final Clock clock;

    Whistles(JdbcClient jdbc, OrderAccess access, Units units, Calendars calendars, Notifications notifications, Timeline timeline,
            Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.units = units;
        this.calendars = calendars;
        this.notifications = notifications;
        this.timeline = timeline;
        this.clock = clock;
    }

    @Transactional
    public WhistleView blow(long orderId, Set<Long> departmentIds, String reason) {
        if (reason == null || reason.isBlank()) throw DomainException.badRequest("请说明吹哨事由 / a reason is required");
        Limits.atMost(reason.strip(), 1000, "吹哨事由 reason");
        if (departmentIds == null || departmentIds.isEmpty()) throw DomainException.badRequest("请选择要召集的部门 / choose the departments to summon");
        WorkOrder order = access.get(orderId);
        Unit caller = territorialUnitOf(Actor.current(), order);
        List<Unit> departments = departmentIds.stream().map(id -> units.find(id).filter(Unit::isActive)
                .filter(u -> u.getKind() == UnitKind.DEPARTMENT)
                .orElseThrow(() -> DomainException.badRequest("只能召集职能部门 / only active departments can be summoned: " + id))).toList();
        Instant now = clock.instant();
        Instant due = TimeLimit.parse(order.getUrgency() == Urgency.EMERGENCY ? "30m" : "1wd").deadline(now, calendars.current());
        access.apply(orderId, null, o -> o.summon(new LinkedHashSet<>(departmentIds), reason.strip()));
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into whistle(work_order_id, blown_by, blown_by_unit, blown_at, reason) values (?, ?, ?, ?, ?)")
                .params(orderId, Actor.current().username(), caller == null ? null : caller.getId(), utc(now), reason.strip())
                .update(key, "id");
        long whistleId = key.getKey().longValue();
        for (Unit d : departments) {
            jdbc.sql("insert into whistle_summons(whistle_id, unit_id, due_at) values (?, ?, ?)").params(whistleId, d.getId(), utc(due)).update();
            notifications.toUnit(d.getId(), orderId, "WHISTLE", "吹哨报到 / summoned: " + order.getNumber() + "：" + reason.strip());
        }
        return whistles(orderId).stream().filter(w -> w.id() == whistleId).findFirst().orElseThrow();
    }

    /** 报到: the summoned department acknowledges and says what it does. */
    @Transactional
    public void report(long summonsId, String note) {
        if (note == null || note.isBlank()) throw DomainException.badRequest("请填写报到情况 / say what your department does");
        Limits.atMost(note.strip(), 1000, "报到情况 note");
        Map<String, Object> s = summons(summonsId);
        long unitId = ((Number) s.get("unit_id")).longValue();
        if (!Actor.current().isAdmin() && !Actor.current().scope().unitIds().contains(unitId)) {
            throw new AccessDeniedException("only the summoned department reports");
        }
        if (s.get("reported_at") != null) throw DomainException.conflict("已报到 / already reported");
        int reported = jdbc.sql("update whistle_summons set reported_at = ?, reported_by = ?, report_note = ? where id = ? and reported_at is null")
                .params(utc(clock.instant()), Actor.current().username(), note.strip(), summonsId).update();
        if (reported == 0) throw DomainException.conflict("已报到 / already reported"); // a concurrent report came first
        long orderId = ((Number) s.get("work_order_id")).longValue();
        WorkOrder o = access.get(orderId);
        boolean late = clock.instant().isAfter(dueOf(summonsId));
        // "overdue " marks a late report on the timeline, as SIGN does, so the measures can count it.
        timeline.append(orderId, new WorkOrder.Step("REPORT", o.getStatus(), o.getStatus(), unitId, (late ? "overdue " : "") + note.strip()));
    }

    /** The street (or community) that blew the whistle rates each department's response. */
    @Transactional
    public void rate(long summonsId, Rating rating) {
        if (rating == null) throw DomainException.badRequest("请选择评价 / rating is required (GOOD, FAIR, POOR)");
        Map<String, Object> s = summons(summonsId);
        Number blownByUnit = (Number) s.get("blown_by_unit");
        if (!Actor.current().isAdmin() && (blownByUnit == null || !Actor.current().scope().unitIds().contains(blownByUnit.longValue()))) {
            throw new AccessDeniedException("only the unit that blew the whistle rates the response");
        }
        if (s.get("reported_at") == null) throw DomainException.conflict("部门尚未报到 / the department has not reported yet");
        int rated = jdbc.sql("update whistle_summons set rating = ?, rated_at = ? where id = ? and rating is null")
                .params(rating.name(), utc(clock.instant()), summonsId).update();
        if (rated == 0) throw DomainException.conflict("已评价 / this response has already been rated");
        long orderId = ((Number) s.get("work_order_id")).longValue();
        WorkOrder o = access.get(orderId);
        timeline.append(orderId, new WorkOrder.Step("RATE_REPORT", o.getStatus(), o.getStatus(), ((Number) s.get("unit_id")).longValue(),
                rating.name()));
    }

    public List<WhistleView> whistles(long orderId) {
        access.get(orderId);
        Instant now = clock.instant();
        Map<Long, List<Summons>> summons = jdbc.sql("""
                select s.id, s.whistle_id, s.unit_id, s.due_at, s.reported_at, s.report_note, s.rating from whistle_summons s
                join whistle w on w.id = s.whistle_id where w.work_order_id = ? order by s.id""").param(orderId)
                .query((rs, i) -> Map.entry(rs.getLong(2), summons(rs, now))).list().stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        return jdbc.sql("select id, blown_by, blown_by_unit, blown_at, reason from whistle where work_order_id = ? order by id").param(orderId)
                .query((rs, i) -> new WhistleView(rs.getLong(1), rs.getString(2), (Long) rs.getObject(3, Long.class),
                        rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getString(5), summons.getOrDefault(rs.getLong(1), List.of())))
                .list();
    }

    private Summons summons(java.sql.ResultSet rs, Instant now) throws java.sql.SQLException {
        Instant due = rs.getObject(4, OffsetDateTime.class).toInstant();
        OffsetDateTime reported = rs.getObject(5, OffsetDateTime.class);
        long unit = rs.getLong(3);
        return new Summons(rs.getLong(1), unit, units.find(unit).map(Unit::getName).orElse("?"), due,
                reported == null ? null : reported.toInstant(), rs.getString(6), rs.getString(7),
                reported == null && now.isAfter(due), reported != null && !reported.toInstant().isAfter(due));
    }

    /** The street office or community committee the caller acts for whose territory holds the order. */
    private Unit territorialUnitOf(Actor actor, WorkOrder order) {
        for (Long id : actor.scope().unitIds()) {
            Unit u = units.find(id).orElse(null);
            if (u != null && (u.getKind() == UnitKind.STREET_OFFICE || u.getKind() == UnitKind.COMMUNITY_COMMITTEE)
                    && order.getDivisionCode() != null && order.getDivisionCode().startsWith(u.getDivisionCode())) {
                return u;
            }
        }
        if (actor.isAdmin()) return null;
        throw new AccessDeniedException("only the street or community of the place blows the whistle");
    }

    private Instant dueOf(long summonsId) {
        return jdbc.sql("select due_at from whistle_summons where id = ?").param(summonsId).query(OffsetDateTime.class).single().toInstant();
    }

    private Map<String, Object> summons(long id) {
        return jdbc.sql("select s.unit_id, s.reported_at, w.work_order_id, w.blown_by_unit from whistle_summons s"
                + " join whistle w on w.id = s.whistle_id where s.id = ?").param(id).query().listOfRows().stream().findFirst()
                .orElseThrow(() -> DomainException.notFound("召集记录不存在 / no summons " + id));
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

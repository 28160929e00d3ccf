package org.hemei.casework;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hemei.casework.internal.WorkOrderRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The durable timers: every few seconds, orders whose next check time has come are examined — warnings at 80%
 * of a limit, overdue → 督办 and notifications, unsigned major hazards escalated to leaders. The state lives
 * in the orders' rows, so timers survive restarts; each warning is claimed with a conditional update, so several
 * instances never raise it twice.
 */
@Component
class DeadlineWatch {

    private static final Logger log = LoggerFactory.getLogger(DeadlineWatch.class);
    private static final int BATCH = 500;

    private final JdbcClient jdbc;
    private final WorkOrderRepository orders;
    private final Supervision supervision;
    private final Notifications notifications;
    private final TransactionTemplate tx;
    private final Clock clock;

    DeadlineWatch(JdbcClient jdbc, WorkOrderRepository orders, Supervision supervision, Notifications notifications,
            TransactionTemplate tx, Clock clock) {
        this.jdbc = jdbc;
        this.orders = orders;
        this.supervision = supervision;
        this.notifications = notifications;
        this.tx = tx;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${hemei.casework.watch-interval:10s}", initialDelayString = "${hemei.casework.watch-delay:5s}")
    void tick() {
        try {
            int checked;
            do {
                checked = pass();
            } while (checked == BATCH);
        } catch (RuntimeException e) {
            log.error("Deadline watch pass failed; retried at the next tick", e);
        }
    }

    /** Examines up to one batch of due orders (and overdue whistle reports); returns how many orders. */
    int pass() {
        Instant now = clock.instant();
        flagLateReports(now);
        List<Long> due = jdbc.sql("select id from work_order where next_check_at <= ? order by next_check_at limit ?")
                .params(utc(now), BATCH).query(Long.class).list();
        for (Long id : due) tx.executeWithoutResult(s -> check(id, now));
        return due.size();
    }

    private void check(long id, Instant now) {
        WorkOrder o = orders.findById(id).orElse(null);
        if (o == null) return;
        if (o.getStatus() == Status.DISPATCHED) {
            if (reached(o.getSignWarnAt(), now) && claim(id, "sign_warned_for", o.getSignDueAt())) {
                notifications.toUnit(o.getLeadUnitId(), id, "WARNING", "即将超时未签收 " + o.getNumber() + " / sign soon");
            }
            if (reached(o.getSignDueAt(), now) && claim(id, "sign_overdue_for", o.getSignDueAt())) {
                supervision.record(o, "SIGN_OVERDUE", "超时未签收 / not signed in time");
            }
            if (o.isMajorHazard() && reached(o.getDispatchedAt().plus(WorkOrder.ESCALATE_AFTER), now) && claimEscalation(id)) {
                supervision.record(o, "ESCALATED", "重大隐患 " + WorkOrder.ESCALATE_AFTER.toMinutes()
                        + " 分钟未签收，已上报领导 / major hazard unsigned: escalated to leaders");
            }
        }
        if (o.getHandledAt() == null && o.getStatus().isOpen() && o.getStatus() != Status.SUSPENDED && o.getHandleDueAt() != null) {
            if (reached(o.getHandleWarnAt(), now) && claim(id, "handle_warned_for", o.getHandleDueAt())) {
                notifications.toUnit(o.getLeadUnitId(), id, "WARNING", "办理时限已过80% " + o.getNumber() + " / 80% of the time limit used");
            }
            if (reached(o.getHandleDueAt(), now) && claim(id, "handle_overdue_for", o.getHandleDueAt())) {
                supervision.record(o, "HANDLE_OVERDUE", "超过办理时限 / handling deadline passed");
            }
        }
        jdbc.sql("update work_order set next_check_at = ? where id = ?").params(utc(nextAfter(o, now)), id).update();
    }

    /** 报到 not made in time: one supervision record per summons, claimed so no instance raises it twice. */
    private void flagLateReports(Instant now) {
        List<Long[]> late = jdbc.sql("""
                select s.id, w.work_order_id from whistle_summons s join whistle w on w.id = s.whistle_id
                where s.reported_at is null and not s.overdue_flagged and s.due_at <= ? limit ?""")
                .params(utc(now), BATCH).query((rs, i) -> new Long[] { rs.getLong(1), rs.getLong(2) }).list();
        for (Long[] row : late) {
            tx.executeWithoutResult(st -> {
                if (jdbc.sql("update whistle_summons set overdue_flagged = true where id = ? and not overdue_flagged").param(row[0]).update() == 1) {
                    long unit = jdbc.sql("select unit_id from whistle_summons where id = ?").param(row[0]).query(Long.class).single();
                    orders.findById(row[1]).ifPresent(o -> {
                        supervision.record(o, "REPORT_OVERDUE", "被召集部门超时未报到 / a summoned department did not report in time: unit " + unit);
                        notifications.toUnit(unit, o.getId(), "SUPERVISION", "超时未报到 " + o.getNumber() + " / report overdue");
                    });
                }
            });
        }
    }

    /** The earliest pending time still ahead, or null when nothing more is watched. */
    private static Instant nextAfter(WorkOrder o, Instant now) {
        Instant next = null;
        for (Instant t : new Instant[] { o.getSignWarnAt(), o.getSignDueAt(), o.getHandleWarnAt(), o.getHandleDueAt(),
                o.isMajorHazard() && o.getDispatchedAt() != null ? o.getDispatchedAt().plus(WorkOrder.ESCALATE_AFTER) : null }) {
            if (t != null && t.isAfter(now) && (next == null || t.isBefore(next))) next = t;
        }
        boolean watched = o.getStatus() == Status.DISPATCHED || (o.getHandledAt() == null && o.getStatus().isOpen()
                && o.getStatus() != Status.SUSPENDED && o.getStatus() != Status.RECEIVED && o.getStatus() != Status.REGISTERED);
        return watched ? next : null;
    }

    /** Marks a warning raised for this deadline; false if it already was (by this or another instance). */
    private boolean claim(long id, String column, Instant dueAt) {
        return jdbc.sql("update work_order set " + column + " = ? where id = ? and (" + column + " is null or " + column + " <> ?)")
                .params(utc(dueAt), id, utc(dueAt)).update() == 1;
    }

    private boolean claimEscalation(long id) {
        return jdbc.sql("update work_order set escalated = true where id = ? and not escalated").param(id).update() == 1;
    }

    private static boolean reached(Instant t, Instant now) {
        return t != null && !t.isAfter(now);
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}

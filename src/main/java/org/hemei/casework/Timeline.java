package org.hemei.casework;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.shared.Limits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Component;

/** The append-only timeline of each order: who did what, when, from which status to which. */
@Component
public class Timeline {

    public record Event(long id, OffsetDateTime at, String actor, String action, String fromStatus, String toStatus,
            Long unitId, String note) {
    }

    private final JdbcClient jdbc;

    Timeline(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appends the step and returns the entry as stored (microseconds, as the database keeps them), so it need not be read back. */
    Event append(long orderId, WorkOrder.Step step) {
        return append(orderId, step, Actor.current().username(), OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
    }

    /** For work done outside a request (a bulk import's background job): names the person who started it. */
    Event append(long orderId, WorkOrder.Step step, String actor, OffsetDateTime at) {
        String from = step.from() == null ? null : step.from().name(), to = step.to() == null ? null : step.to().name();
        String note = Limits.clip(step.note(), 2000);
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("insert into work_order_event(work_order_id, at, actor, action, from_status, to_status, unit_id, note)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(orderId, at, actor, step.action(), from, to, step.unitId(), note)
                .update(key, "id");
        return new Event(key.getKeyAs(Number.class).longValue(), at, actor, step.action(), from, to, step.unitId(), note);
    }

    public List<Event> of(long orderId) {
        return jdbc.sql("select id, at, actor, action, from_status, to_status, unit_id, note from work_order_event"
                + " where work_order_id = ? order by id").param(orderId).query(Event.class).list();
    }
}

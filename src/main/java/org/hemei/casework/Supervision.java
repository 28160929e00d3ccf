package org.hemei.casework;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 督办: records that an order was pressed on its lead unit, by the deadline watch or by a person. */
@Service
public class Supervision {

    public record Record(long id, String kind, Long unitId, OffsetDateTime createdAt, String createdBy, String note) {
    }

    private final JdbcClient jdbc;
    private final OrderAccess access;
    private final Timeline timeline;
    private final Notifications notifications;
    private final Clock clock;

    Supervision(JdbcClient jdbc, OrderAccess access, Timeline timeline, Notifications notifications, Clock clock) {
        this.jdbc = jdbc;
        this.access = access;
        this.timeline = timeline;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** A dispatcher or leader presses an open order on its lead unit. */
    @Transactional
    public void supervise(long orderId, String note) {
        Actor actor = Actor.current();
        if (!actor.isAdmin() && !actor.has(Role.DISPATCHER) && !actor.has(Role.LEADER)) {
            throw new AccessDeniedException("supervision is for the 12345 centre and leaders");
        }
        if (note == null || note.isBlank()) throw DomainException.badRequest("请填写督办意见 / a note is required");
        Limits.atMost(note.strip(), 1000, "督办意见 note");
        WorkOrder o = access.get(orderId);
        if (!o.getStatus().isOpen() || o.getLeadUnitId() == null) {
            throw DomainException.conflict("只能督办已派出且未办结的工单 / only dispatched open orders can be supervised");
        }
        record(o, "MANUAL", note.strip());
    }

    public List<Record> of(long orderId) {
        access.get(orderId);
        return jdbc.sql("select id, kind, unit_id, created_at, created_by, note from supervision where work_order_id = ? order by id")
                .param(orderId).query(Record.class).list();
    }

    /** Writes the record, the timeline step, and tells the unit and the leaders over the place. */
    void record(WorkOrder o, String kind, String note) {
        jdbc.sql("insert into supervision(work_order_id, kind, unit_id, created_at, created_by, note) values (?, ?, ?, ?, ?, ?)")
                .params(o.getId(), kind, o.getLeadUnitId(), OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                        Actor.current().username(), note).update();
        timeline.append(o.getId(), new WorkOrder.Step("SUPERVISE", o.getStatus(), o.getStatus(), o.getLeadUnitId(), note));
        String message = "督办 / supervised: " + o.getNumber() + "：" + note;
        if (o.getLeadUnitId() != null) notifications.toUnit(o.getLeadUnitId(), o.getId(), "SUPERVISION", message);
        if (o.getDivisionCode() != null) notifications.toLeaders(o.getDivisionCode(), o.getId(), "SUPERVISION", message);
    }
}

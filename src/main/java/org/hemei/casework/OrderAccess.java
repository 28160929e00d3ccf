package org.hemei.casework;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.hemei.casework.internal.WorkOrderRepository;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.shared.DomainException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Loads orders within the caller's scope, applies one transition and writes it to the timeline — the one
 * path every action takes. Who sees an order: the 12345 centre, leaders and admins city-wide; units the orders
 * they lead or assist and those in their territory; grid workers their grid's; residents and couriers their own.
 */
@Component
public class OrderAccess {

    private final WorkOrderRepository orders;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    OrderAccess(WorkOrderRepository orders, Timeline timeline, ApplicationEventPublisher events) {
        this.orders = orders;
        this.timeline = timeline;
        this.events = events;
    }

    public WorkOrder get(long id) {
        WorkOrder order = orders.findById(id).orElseThrow(() -> DomainException.notFound("工单不存在 / no work order " + id));
        if (!canSee(Actor.current(), order)) throw new AccessDeniedException("order " + id + " is outside your scope");
        return order;
    }

    public WorkOrder byNumber(String number) {
        WorkOrder order = orders.findByNumber(number).orElseThrow(() -> DomainException.notFound("工单不存在 / no work order " + number));
        return get(order.getId());
    }

    /** Applies a transition to an order the caller may see; a stale expected version or a concurrent change → 409. */
    WorkOrder apply(long id, Integer expectedVersion, Function<WorkOrder, WorkOrder.Step> transition) {
        WorkOrder order = get(id);
        if (expectedVersion != null && !expectedVersion.equals(order.getVersion())) {
            throw new OptimisticLockingFailureException("order " + id + " changed since version " + expectedVersion);
        }
        WorkOrder.Step step = transition.apply(order);
        return persist(order, step);
    }

    WorkOrder save(WorkOrder order) {
        return persist(order, order.lastStep());
    }

    private WorkOrder persist(WorkOrder order, WorkOrder.Step step) {
        WorkOrder saved = orders.save(order);
        timeline.append(saved.getId(), step);
        events.publishEvent(new OrderChanged(saved));
        return saved;
    }

    static boolean canSee(Actor actor, WorkOrder o) {
        if (actor.isAdmin() || actor.has(Role.DISPATCHER) || actor.has(Role.LEADER)) return true;
        if (o.getRequesterAccountId() != null && o.getRequesterAccountId() == actor.accountId()) return true;
        if (actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER) || actor.has(Role.PARTY_STAFF)) {
            Scope s = actor.scope();
            if (o.getLeadUnitId() != null && s.unitIds().contains(o.getLeadUnitId())) return true;
            if (o.assistingUnitIds().stream().anyMatch(s.unitIds()::contains)) return true;
            return o.getDivisionCode() != null && s.covers(o.getDivisionCode());
        }
        return false;
    }

    /** The same rule as {@link #canSee}, as SQL over {@code work_order o} (parameters are added to {@code params}). */
    static String scopeFilter(Actor actor, List<Object> params) {
        if (actor.isAdmin() || actor.has(Role.DISPATCHER) || actor.has(Role.LEADER)) return "1 = 1";
        List<String> any = new ArrayList<>();
        any.add("o.requester_account_id = ?");
        params.add(actor.accountId());
        if (actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER) || actor.has(Role.PARTY_STAFF)) {
            for (Long unit : actor.scope().unitIds()) {
                any.add("o.lead_unit_id = ?");
                params.add(unit);
                any.add("exists (select 1 from work_order_assist a where a.work_order_id = o.id and a.unit_id = ?)");
                params.add(unit);
            }
            for (String code : actor.scope().divisionCodes()) {
                any.add("o.division_code like ?");
                params.add(Scope.prefix(code) + "%");
            }
        }
        return "(" + String.join(" or ", any) + ")";
    }

    /** Refuses unless the caller acts for the order's lead unit (or is an administrator). */
    static void requireLeadUnit(WorkOrder o) {
        Actor actor = Actor.current();
        if (actor.isAdmin()) return;
        if (!(actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER)) || o.getLeadUnitId() == null
                || !actor.scope().unitIds().contains(o.getLeadUnitId())) {
            throw new AccessDeniedException("only the lead unit may do this");
        }
    }

    static void requireCentre() {
        Actor actor = Actor.current();
        if (!actor.isAdmin() && !actor.has(Role.DISPATCHER)) throw new AccessDeniedException("only the 12345 centre may do this");
    }
}

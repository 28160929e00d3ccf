package org.hemei.casework;

import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Loads orders within the caller's scope, applies one transition and writes it to the timeline — the one
 * path every action takes. Who sees an order: the 12345 centre, leaders and admins city-wide; units the orders
 * they lead or assist and those in their territory; grid workers their grid's and those placed no finer than their
 * community (a hotline call often names only the community: it may well be in their grid, and they are the community's
 * eyes on the ground); residents and couriers their own.
 */
@Component
public class OrderAccess {

    private final WorkOrderRepository orders;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    OrderAccess(WorkOrderRepository orders, Timeline timeline, ApplicationEventPublisher events, JdbcClient jdbc) {
        this.orders = orders;
        this.timeline = timeline;
        this.events = events;
        this.jdbc = jdbc;
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

    /**
     * A new order fresh from {@link WorkOrder#receive}: one plain insert of the columns {@code receive} and {@code suggested} set — every
     * other column keeps its default (null, 0, false), which is what the new object holds — instead of the repository's
     * generic aggregate save, whose per-call mapping work was the largest CPU cost of the intake. Anything else (an
     * order with an id, another status, assisting units) goes through {@link #save}. Keep in step with {@code receive}.
     * The insert also draws the number ({@code numberPrefix} + the sequence's next value, at least six digits), saving
     * the round trip of asking the sequence first. Returns the order's one timeline entry as written (the answer needs
     * no read), or null after the generic save.
     */
    Timeline.Event saveReceived(WorkOrder o, String numberPrefix) {
        if (o.getId() != null || o.getStatus() != Status.RECEIVED || !o.assistingUnitIds().isEmpty() || o.getNextCheckAt() != null
                || o.getDispatchedAt() != null || o.getLeadUnitId() != null || o.getClosedAt() != null) {
            if (o.getNumber() == null) o.numbered(numberPrefix + String.format("%06d",
                    jdbc.sql("select nextval('work_order_number_seq')").query(Long.class).single()));
            save(o);
            return null;
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into work_order (version, number, channel, status, title, text, category_code, urgency, major_hazard,
                  requester_name, requester_phone, requester_account_id, confidential, lat, lng, address, division_code,
                  received_at, idempotency_key, created_by, suggested_group, suggested_division)
                select 0, ? || case when s.n < 1000000 then lpad(cast(s.n as varchar), 6, '0') else cast(s.n as varchar) end,
                  ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?
                from (select nextval('work_order_number_seq') as n) s""")
                .param(1, numberPrefix, Types.VARCHAR).param(2, o.getChannel().name(), Types.VARCHAR)
                .param(3, o.getStatus().name(), Types.VARCHAR).param(4, o.getTitle(), Types.VARCHAR)
                .param(5, o.getText(), Types.VARCHAR).param(6, o.getCategoryCode(), Types.VARCHAR)
                .param(7, o.getUrgency().name(), Types.VARCHAR).param(8, o.isMajorHazard(), Types.BOOLEAN)
                .param(9, o.getRequesterName(), Types.VARCHAR).param(10, o.getRequesterPhone(), Types.VARCHAR)
                .param(11, o.getRequesterAccountId(), Types.BIGINT).param(12, o.isConfidential(), Types.BOOLEAN)
                .param(13, o.getLat(), Types.DOUBLE).param(14, o.getLng(), Types.DOUBLE).param(15, o.getAddress(), Types.VARCHAR)
                .param(16, o.getDivisionCode(), Types.VARCHAR)
                .param(17, utc(o.getReceivedAt()), Types.TIMESTAMP_WITH_TIMEZONE)
                .param(18, o.getIdempotencyKey(), Types.VARCHAR).param(19, o.getCreatedBy(), Types.VARCHAR)
                .param(20, o.getSuggestedGroup(), Types.VARCHAR).param(21, o.getSuggestedDivision(), Types.VARCHAR)
                .update(key, "id", "number");
        o.inserted(((Number) keyOf(key, "id")).longValue(), (String) keyOf(key, "number"));
        Timeline.Event first = timeline.append(o.getId(), o.lastStep());
        events.publishEvent(new OrderChanged(o, o.lastStep()));
        return first;
    }

    private static Object keyOf(KeyHolder key, String column) {
        return key.getKeys().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the insert returned no " + column)).getValue();
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    private WorkOrder persist(WorkOrder order, WorkOrder.Step step) {
        WorkOrder saved = orders.save(order);
        timeline.append(saved.getId(), step);
        events.publishEvent(new OrderChanged(saved, step));
        return saved;
    }

    /** Shown instead of the requester's own username where a confidential order hides who they are. */
    static final String REQUESTER = "诉求人 / requester";

    static boolean isRequester(Actor viewer, WorkOrder o) {
        return o.getRequesterAccountId() != null && o.getRequesterAccountId() == viewer.accountId();
    }

    /**
     * Who may see the requester's name and phone in full, to call back: the 12345 centre, and the lead unit unless the
     * demand is confidential.
     */
    static boolean mayReveal(Actor viewer, WorkOrder o) {
        boolean leadUnit = o.getLeadUnitId() != null && viewer.scope().unitIds().contains(o.getLeadUnitId());
        return viewer.isAdmin() || viewer.has(Role.DISPATCHER) || leadUnit && !o.isConfidential();
    }

    /** A confidential order tells who asked only to the 12345 centre and to the requester. */
    static boolean hidesRequesterFrom(Actor viewer, WorkOrder o) {
        return o.isConfidential() && !viewer.isAdmin() && !viewer.has(Role.DISPATCHER) && !isRequester(viewer, o);
    }

    /**
     * The username a viewer must not learn from a confidential order's timeline and photos: its requester's, when
     * they reported it themselves; null when nothing is hidden.
     */
    static String hiddenRequester(Actor viewer, WorkOrder o) {
        return hidesRequesterFrom(viewer, o) && o.getRequesterAccountId() != null ? o.getCreatedBy() : null;
    }

    static boolean canSee(Actor actor, WorkOrder o) {
        if (actor.isAdmin() || actor.has(Role.DISPATCHER) || actor.has(Role.LEADER)) return true;
        if (isRequester(actor, o)) return true;
        if (actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER) || actor.has(Role.PARTY_STAFF)) {
            Scope s = actor.scope();
            if (o.getLeadUnitId() != null && s.unitIds().contains(o.getLeadUnitId())) return true;
            if (o.assistingUnitIds().stream().anyMatch(s.unitIds()::contains)) return true;
            return s.reads(o.getDivisionCode());
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
                if (code.length() > Scope.COMMUNITY_DIGITS) { // a grid: see Scope#reads
                    any.add("o.division_code = ?");
                    params.add(code.substring(0, Scope.COMMUNITY_DIGITS));
                }
            }
        }
        return "(" + String.join(" or ", any) + ")";
    }

    /**
     * A grid worker where the order is: in their grid, or placed only at their community — whom the on-site check
     * (核查) falls to.
     */
    static boolean checksOnSite(Actor actor, WorkOrder o) {
        return actor.has(Role.GRID_WORKER) && actor.scope().reads(o.getDivisionCode());
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

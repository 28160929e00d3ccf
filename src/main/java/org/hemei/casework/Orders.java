package org.hemei.casework;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.PersonalData;
import org.hemei.identity.Role;
import org.hemei.organization.Unit;
import org.hemei.organization.Units;
import org.hemei.shared.Paging;
import org.hemei.territory.Territory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading orders: one order with its timeline, and scoped, paged lists for boards and inboxes. */
@Service
public class Orders {

    public record UnitRef(long id, String name) {
    }

    /** {@code revealable}: masked, and the viewer may see it in full ({@link #revealRequester}). */
    public record Requester(String name, String phone, boolean masked, boolean revealable) {
    }

    public record OrderView(long id, String number, Status status, Channel channel, String title, String text,
            String categoryCode, String categoryName, Urgency urgency, boolean majorHazard, boolean confidential,
            Requester requester, Double lat, Double lng, String address, String divisionCode, String place, UnitRef leadUnit,
            List<UnitRef> assistingUnits, Instant receivedAt, Instant dispatchedAt, Instant signDueAt, Instant handleDueAt,
            Instant signedAt, Instant handledAt, Instant closedAt, boolean overdue, boolean closedAtIntake, int reworkCount,
            int returnCount, String pendingReturnReason, Instant pendingExtensionUntil, String pendingExtensionReason,
            String pendingSuspensionReason, Long mergedIntoId, String feedback, Boolean resolved, Satisfaction satisfaction,
            int version, List<Timeline.Event> timeline) {
    }

    public record OrderRow(long id, String number, String status, String title, String categoryCode, String urgency,
            boolean majorHazard, String divisionCode, Long leadUnitId, OffsetDateTime receivedAt, OffsetDateTime handleDueAt,
            boolean overdue, Double lat, Double lng, String categoryName) {
    }

    /**
     * Filters for lists; all optional. {@code unit} = led or assisted by that unit; {@code division} = inside that
     * territory; {@code ledBy} = led by one of these units; {@code assistedBy} = assisted, not led, by one of them
     * (e.g. summoned by a whistle).
     */
    public record Query(Set<Status> statuses, Long unit, String division, Boolean overdue, String q, Instant dueBefore,
            Set<Long> ledBy, Set<Long> assistedBy, boolean verifiedOnSiteOnly, boolean awaitingDecisionOnly, boolean awaitingFollowUpOnly) {

        public Query(Set<Status> statuses, Long unit, String division, Boolean overdue, String q) {
            this(statuses, unit, division, overdue, q, null, null, null, false, false, false);
        }

        /** Every order in the caller's scope, to narrow with the methods below. */
        public static Query any() {
            return new Query(null, null, null, null, null);
        }

        public static Query assisting(Set<Status> statuses, Set<Long> units) {
            return new Query(statuses, null, null, null, null, null, null, units, false, false, false);
        }

        /** A unit's inbox: orders led by any of the units the person acts for. */
        public static Query inbox(Set<Status> statuses, Set<Long> units, Boolean overdue, Instant dueBefore) {
            return new Query(statuses, null, null, overdue, null, dueBefore, units, null, false, false, false);
        }

        /** A grid worker's inbox: the orders of their grid, the scope filter does the rest. */
        public static Query grid(Set<Status> statuses, Boolean overdue, Instant dueBefore) {
            return new Query(statuses, null, null, overdue, null, dueBefore, null, null, false, false, false);
        }

        /** Only orders whose category is verified on site 现场核查 (the others go straight to follow-up). */
        public Query verifiedOnSite() {
            return new Query(statuses, unit, division, overdue, q, dueBefore, ledBy, assistedBy, true, awaitingDecisionOnly, awaitingFollowUpOnly);
        }

        /** Only orders waiting for the centre's decision: a return, more time or a suspension asked for. */
        public Query awaitingDecision() {
            return new Query(statuses, unit, division, overdue, q, dueBefore, ledBy, assistedBy, verifiedOnSiteOnly, true, awaitingFollowUpOnly);
        }

        /** Only orders ready for the follow-up 回访: handled (and checked on site where their category asks it), not yet rated. */
        public Query awaitingFollowUp() {
            return new Query(statuses, unit, division, overdue, q, dueBefore, ledBy, assistedBy, verifiedOnSiteOnly, awaitingDecisionOnly, true);
        }
    }

    /** Notes a requester reads in their own timeline; the others (suggestions, dispatch rules, reviews) are the staff's. */
    private static final java.util.Set<String> REQUESTER_NOTES = java.util.Set.of("RECEIVE", "HANDLE", "INVALIDATE", "SUSPEND",
            "FOLLOW_UP", "CLOSE_AT_INTAKE", "MERGE", "PHOTO");

    private final OrderAccess access;
    private final Duplicates duplicates;
    private final Timeline timeline;
    private final Categories categories;
    private final Units units;
    private final Territory territory;
    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final Clock clock;

    Orders(OrderAccess access, Duplicates duplicates, Timeline timeline, Categories categories, Units units, Territory territory, JdbcClient jdbc,
            AuditLog audit, Clock clock) {
        this.access = access;
        this.duplicates = duplicates;
        this.timeline = timeline;
        this.categories = categories;
        this.units = units;
        this.territory = territory;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
    }

    public OrderView view(long id) {
        return view(access.get(id), false);
    }

    /**
     * The view of an order already in hand (e.g. just saved by the intake), without loading it again: the same
     * scope rule as {@link #view(long)}, and only the timeline is read.
     */
    public OrderView view(WorkOrder order) {
        return view(order, null);
    }

    /** As {@link #view(WorkOrder)}, with the timeline already known (a new order's first entry); null = read it. */
    public OrderView view(WorkOrder order, List<Timeline.Event> knownTimeline) {
        if (!OrderAccess.canSee(Actor.current(), order)) {
            throw new AccessDeniedException("order " + order.getId() + " is outside your scope");
        }
        return view(order, false, knownTimeline);
    }

    /** The actions the current person may take on the order now. */
    public Set<String> availableActions(long id) {
        WorkOrder o = access.get(id);
        boolean verify = categories.find(o.getCategoryCode()).map(Category::verify).orElse(false);
        return AvailableActions.of(o, Actor.current(), verify);
    }

    public List<Duplicates.Candidate> duplicates(long id) {
        return duplicates.of(access.get(id));
    }

    /** An order as another order's page links to it. */
    public record OrderLink(long id, String number) {
    }

    /** The orders merged into this one (并单), those the caller may see. */
    public List<OrderLink> mergedHere(long id) {
        return links("o.merged_into_id = ?", id);
    }

    /** The order this one was merged into, if the caller may see it. */
    public java.util.Optional<OrderLink> mergedInto(OrderView order) {
        return order.mergedIntoId() == null ? java.util.Optional.empty() : links("o.id = ?", order.mergedIntoId()).stream().findFirst();
    }

    private List<OrderLink> links(String condition, long id) {
        List<Object> params = new ArrayList<>(List.of(id));
        return jdbc.sql("select o.id, o.number from work_order o where " + condition + " and " + OrderAccess.scopeFilter(Actor.current(), params)
                + " order by o.id").params(params).query(OrderLink.class).list();
    }

    public OrderView byNumber(String number) {
        return view(access.byNumber(number), false);
    }

    /**
     * The requester's name and phone in full, for those who must call back: the 12345 centre, and the lead
     * unit unless the demand is confidential. Every reveal is audited.
     */
    @Transactional
    public OrderView revealRequester(long id) {
        WorkOrder o = access.get(id);
        if (!OrderAccess.mayReveal(Actor.current(), o)) throw new AccessDeniedException("cannot reveal the requester of " + id);
        audit.record("PERSONAL_DATA_REVEALED", "work-order:" + o.getNumber(), "requester name, phone");
        return view(o, true);
    }

    /** One of a caller's earlier demands, as the intake console lists it. {@code open}: still being worked, so it can be merged into. */
    public record CallerOrder(long id, String number, Status status, String title, Instant receivedAt, boolean open) {
    }

    /** What a phone number called about before 来电历史: how many orders, and the newest few. */
    public record CallerHistory(String phone, long total, List<CallerOrder> recent) {
    }

    /**
     * The orders received from a phone number, newest first (at most {@code limit}), so the operator on the line
     * sees a repeated call 重复来电 and what became of the earlier ones. The 12345 centre's only; each look-up is
     * audited, with the number masked.
     */
    @Transactional
    public CallerHistory callerHistory(String typedPhone, int limit) {
        Actor actor = Actor.current();
        if (!actor.isAdmin() && !actor.has(Role.DISPATCHER)) throw new AccessDeniedException("caller history is the 12345 centre's");
        String phone = PersonalData.phone(typedPhone);
        if (!PersonalData.isPhone(phone)) {
            String typed = typedPhone == null ? "" : typedPhone.strip();
            throw org.hemei.shared.DomainException.badRequest("电话号码格式不正确：" + typed + " / not a phone number: " + typed);
        }
        List<Object> params = new ArrayList<>(List.of(phone));
        String where = " from work_order o where o.requester_phone = ? and " + OrderAccess.scopeFilter(actor, params);
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        List<CallerOrder> recent = jdbc.sql("select o.id, o.number, o.status, coalesce(o.title, substring(o.text, 1, 30)), o.received_at"
                + where + " order by o.id desc limit ?").params(pageParams).query((rs, i) -> {
                    Status status = Status.valueOf(rs.getString(3));
                    return new CallerOrder(rs.getLong(1), rs.getString(2), status, rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class).toInstant(), status.isOpen());
                }).list();
        audit.record("CALLER_HISTORY", "phone:" + PersonalData.maskPhone(phone), total + " orders");
        return new CallerHistory(PersonalData.maskPhone(phone), total, recent);
    }

    /** How many orders the query finds, in the caller's scope. */
    public long count(Query query) {
        return counts(List.of(query)).get(0);
    }

    /** How many orders each query finds, in the caller's scope: a page's tabs or tallies in one round trip, not one each. */
    public List<Long> counts(List<Query> queries) {
        if (queries.isEmpty()) return List.of();
        Instant now = clock.instant();
        List<String> selects = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Query query : queries) {
            OrderFilter.Sql filter = OrderFilter.of(query, Actor.current(), categories, now);
            selects.add("(select count(*)" + filter.where() + ")");
            params.addAll(filter.params());
        }
        return jdbc.sql("select " + String.join(", ", selects)).params(params).query((rs, i) -> {
            List<Long> out = new ArrayList<>();
            for (int c = 1; c <= queries.size(); c++) out.add(rs.getLong(c));
            return out;
        }).single();
    }

    public Paging<OrderRow> search(Query query, int page, int size) {
        Instant now = clock.instant();
        OrderFilter.Sql filter = OrderFilter.of(query, Actor.current(), categories, now);
        String where = filter.where();
        List<Object> params = filter.params();
        long total = jdbc.sql("select count(*)" + where).params(params).query(Long.class).single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(size);
        pageParams.add((long) page * size);
        List<OrderRow> rows = jdbc.sql("select o.id, o.number, o.status, coalesce(o.title, substring(o.text, 1, 30)), o.category_code, o.urgency, o.major_hazard,"
                + " o.division_code, o.lead_unit_id, o.received_at, o.handle_due_at, o.handled_at, o.lat, o.lng" + where
                + " order by case when o.major_hazard and o.status not in ('CLOSED','MERGED','INVALID') then 0 else 1 end, o.id desc"
                + " limit ? offset ?")
                .params(pageParams)
                .query((rs, i) -> {
                    OffsetDateTime due = rs.getObject(11, OffsetDateTime.class), handled = rs.getObject(12, OffsetDateTime.class);
                    boolean overdue = OrderFilter.overdue(Status.valueOf(rs.getString(3)), due == null ? null : due.toInstant(),
                            handled == null ? null : handled.toInstant(), now);
                    return new OrderRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getBoolean(7), rs.getString(8), (Long) rs.getObject(9, Long.class),
                            rs.getObject(10, OffsetDateTime.class), due, overdue, (Double) rs.getObject(13, Double.class),
                            (Double) rs.getObject(14, Double.class), categories.find(rs.getString(5)).map(Category::name).orElse(null));
                }).list();
        return new Paging<>(rows, page, size, total);
    }

    private OrderView view(WorkOrder o, boolean revealed) {
        return view(o, revealed, null);
    }

    private OrderView view(WorkOrder o, boolean revealed, List<Timeline.Event> knownTimeline) {
        Actor actor = Actor.current();
        Requester requester = OrderAccess.hidesRequesterFrom(actor, o) ? new Requester(null, null, true, false)
                : revealed || OrderAccess.isRequester(actor, o) ? new Requester(o.getRequesterName(), o.getRequesterPhone(), false, false)
                : new Requester(PersonalData.maskName(o.getRequesterName()), PersonalData.maskPhone(o.getRequesterPhone()), true,
                        (o.getRequesterName() != null || o.getRequesterPhone() != null) && OrderAccess.mayReveal(actor, o));
        String categoryName = categories.find(o.getCategoryCode()).map(Category::name).orElse(null);
        String place = o.getDivisionCode() == null ? null : territory.path(o.getDivisionCode().length() > 12
                ? o.getDivisionCode().substring(0, 12) : o.getDivisionCode()).stream().skip(1)
                .map(org.hemei.territory.Division::shortName).reduce((a, b) -> a + " " + b).orElse(null);
        return new OrderView(o.getId(), o.getNumber(), o.getStatus(), o.getChannel(), o.getTitle(), o.getText(),
                o.getCategoryCode(), categoryName, o.getUrgency(), o.isMajorHazard(), o.isConfidential(), requester, o.getLat(),
                o.getLng(), o.getAddress(), o.getDivisionCode(), place, unitRef(o.getLeadUnitId()),
                o.assistingUnitIds().stream().sorted().map(this::unitRef).toList(), o.getReceivedAt(), o.getDispatchedAt(),
                o.getSignDueAt(), o.getHandleDueAt(), o.getSignedAt(), o.getHandledAt(), o.getClosedAt(), o.isOverdue(clock.instant()),
                o.isClosedAtIntake(), o.getReworkCount(), o.getReturnCount(), o.getPendingReturnReason(),
                o.getPendingExtensionUntil(), o.getPendingExtensionReason(), o.getPendingSuspensionReason(), o.getMergedIntoId(),
                o.getFeedback(), o.getResolved(), o.getSatisfaction(), o.getVersion(),
                forViewer(knownTimeline != null ? knownTimeline : timeline.of(o.getId()), actor, o));
    }

    private static List<Timeline.Event> forViewer(List<Timeline.Event> events, Actor viewer, WorkOrder o) {
        if (OrderAccess.isRequester(viewer, o) && viewer.roles().stream().noneMatch(Role::isStaff)) {
            // every step, but no staff usernames and only the notes meant for them
            return events.stream().map(e -> new Timeline.Event(e.id(), e.at(), viewer.username().equals(e.actor()) ? e.actor() : "",
                    e.action(), e.fromStatus(), e.toStatus(), e.unitId(), REQUESTER_NOTES.contains(e.action()) ? e.note() : null)).toList();
        }
        return withoutRequester(events, OrderAccess.hiddenRequester(viewer, o));
    }

    private static List<Timeline.Event> withoutRequester(List<Timeline.Event> events, String hidden) {
        if (hidden == null) return events;
        return events.stream().map(e -> !hidden.equals(e.actor()) ? e : new Timeline.Event(e.id(), e.at(), OrderAccess.REQUESTER,
                e.action(), e.fromStatus(), e.toStatus(), e.unitId(), e.note())).toList();
    }

    private UnitRef unitRef(Long id) {
        return id == null ? null : units.find(id).map(u -> new UnitRef(u.getId(), u.getName())).orElse(new UnitRef(id, "?"));
    }
}

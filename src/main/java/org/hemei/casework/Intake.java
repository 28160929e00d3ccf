package org.hemei.casework;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.hemei.casework.internal.WorkOrderRepository;
import org.hemei.identity.Actor;
import org.hemei.identity.PersonalData;
import org.hemei.identity.Role;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.hemei.territory.Location;
import org.hemei.territory.Locator;
import org.hemei.territory.Territory;
import org.hemei.territory.geo.CoordinateSystem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every demand, from any channel, becomes one work order. A request repeated with the same idempotency key
 * returns the first order. Hotline operators register at once, and may close a consultation they answered
 * on the spot (直接办结); major hazards go out to their emergency plan at once.
 */
@Service
public class Intake {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(TimeLimit.CHINA);

    /** What someone reported. Coordinates in {@code crs} (wgs84 by default); {@code answer} closes a consultation. */
    public record Demand(String title, String text, String category, Urgency urgency, Boolean majorHazard,
            String requesterName, String requesterPhone, Boolean confidential, Double lat, Double lng, String crs,
            String address, String divisionCode, String answer, String idempotencyKey) {

        Demand withPhone(String phone) {
            return new Demand(title, text, category, urgency, majorHazard, requesterName, phone, confidential, lat,
                    lng, crs, address, divisionCode, answer, idempotencyKey);
        }

        Demand withIdempotencyKey(String key) {
            return new Demand(title, text, category, urgency, majorHazard, requesterName, requesterPhone, confidential, lat,
                    lng, crs, address, divisionCode, answer, key);
        }

        Demand at(double wgsLat, double wgsLng, String code) {
            return new Demand(title, text, category, urgency, majorHazard, requesterName, requesterPhone, confidential,
                    wgsLat, wgsLng, "wgs84", address, code, answer, idempotencyKey);
        }
    }

    /**
     * The order, whether it already existed under the same idempotency key, and its timeline when known without reading
     * it (a new order's one entry; null = read it).
     */
    public record Received(WorkOrder order, boolean repeated, List<Timeline.Event> timeline) {

        Received(WorkOrder order, boolean repeated) {
            this(order, repeated, null);
        }
    }

    private final WorkOrderRepository orders;
    private final OrderAccess access;
    private final Categories categories;
    private final Dispatching dispatching;
    private final Suggestions suggestions;
    private final IntakeSuggestions afterCommit;
    private final Locator locator;
    private final Territory territory;
    private final org.hemei.territory.Grids grids;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    Intake(WorkOrderRepository orders, OrderAccess access, Categories categories, Dispatching dispatching, Suggestions suggestions,
            IntakeSuggestions afterCommit, Locator locator, Territory territory, org.hemei.territory.Grids grids, JdbcClient jdbc,
            TransactionTemplate tx, Clock clock) {
        this.afterCommit = afterCommit;
        this.grids = grids;
        this.suggestions = suggestions;
        this.orders = orders;
        this.access = access;
        this.categories = categories;
        this.dispatching = dispatching;
        this.locator = locator;
        this.territory = territory;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    public Received receive(Channel channel, Demand demand, String idempotencyKey) {
        Demand d = normalise(demand.withIdempotencyKey(blankToNull(idempotencyKey)));
        if (d.idempotencyKey() != null) {
            // A plain indexed id lookup (the derived repository query builds its SQL on every call).
            Optional<Long> first = jdbc.sql("select id from work_order where idempotency_key = ?").param(d.idempotencyKey())
                    .query(Long.class).optional();
            if (first.isPresent()) return new Received(access.get(first.get()), true);
        }
        try {
            return tx.execute(s -> create(channel, d));
        } catch (DuplicateKeyException raced) {
            // The same key arrived twice at once: the other request created the order.
            return orders.findByIdempotencyKey(d.idempotencyKey()).map(o -> new Received(o, true)).orElseThrow(() -> raced);
        }
    }

    private Received create(Channel channel, Demand d) {
        Actor actor = Actor.current();
        Instant now = clock.instant();
        boolean ownDemand = actor.has(Role.RESIDENT) || actor.has(Role.COURIER) || channel == Channel.GRID_PATROL;
        Demand withRequester = ownDemand && d.requesterName() == null ? new Demand(d.title(), d.text(), d.category(), d.urgency(),
                d.majorHazard(), Limits.clip(actor.displayName(), 60), d.requesterPhone(), d.confidential(), d.lat(), d.lng(), d.crs(), d.address(),
                d.divisionCode(), d.answer(), d.idempotencyKey()) : d;
        // Numbered by the insert (12345-yyyyMMdd-nnnnnn): one round trip fewer than asking the sequence first.
        WorkOrder received = WorkOrder.receive(null, channel, withRequester, d.divisionCode(),
                ownDemand ? actor.accountId() : null, actor.username(), now);
        boolean registerNow = channel == Channel.HOTLINE && d.category() != null;
        if (d.answer() != null && !d.answer().isBlank() && !registerNow) { // an answer is never dropped unseen
            throw DomainException.badRequest(channel == Channel.HOTLINE
                    ? "当场答复即办结，须先选择类别 / an answer at intake closes the order: choose its category first"
                    : "只有 12345 热线受理时可以当场答复 / only the 12345 hotline answers at intake");
        }
        // Registration records how the operator's category compares with triage's, so it needs the proposal now;
        // every other order is triaged after commit, off the request (IntakeSuggestions).
        if (registerNow) suggestions.ensure(received);
        Timeline.Event first = access.saveReceived(received, "12345-" + DAY.format(now) + "-");
        if (registerNow) return new Received(dispatching.registerAtIntake(received, categories.get(d.category()), d.answer()), false);
        afterCommit.afterCommit(received);
        return new Received(received, false, first == null ? null : List.of(first));
    }

    /** Checks the input (400 naming what is wrong) and resolves the place from coordinates or a division code. */
    private Demand normalise(Demand d) {
        if (d.text() == null || d.text().isBlank()) throw DomainException.badRequest("请填写诉求内容 / text is required");
        if (d.text().length() > 4000) throw DomainException.badRequest("诉求内容不超过4000字 / text must be at most 4,000 characters");
        if (d.title() != null && d.title().length() > 200) throw DomainException.badRequest("标题不超过200字 / title must be at most 200 characters");
        Limits.atMost(d.requesterName(), 60, "诉求人姓名 requesterName");
        Limits.atMost(d.address(), 300, "地址 address");
        Limits.atMost(d.answer(), 2000, "当场答复 answer");
        Limits.atMost(d.idempotencyKey(), 100, "Idempotency-Key");
        if (d.category() != null) categories.get(d.category());
        String phone = PersonalData.phone(d.requesterPhone());
        if (phone != null && !PersonalData.isPhone(phone)) {
            throw DomainException.badRequest("电话号码格式不正确 / requesterPhone is not a phone number");
        }
        if (!java.util.Objects.equals(phone, d.requesterPhone())) d = d.withPhone(phone);
        if (d.divisionCode() != null && !d.divisionCode().isBlank() && !territory.exists(d.divisionCode())
                && !grids.exists(d.divisionCode())) {
            throw DomainException.badRequest("区划或网格代码不存在 / unknown divisionCode (division or grid): " + d.divisionCode());
        }
        if ((d.lat() == null) != (d.lng() == null)) {
            throw DomainException.badRequest("lat 与 lng 须同时提供 / give both lat and lng, or neither");
        }
        if (d.lat() == null) return d;
        Location place = locator.locate(d.lat(), d.lng(), d.crs());
        double[] wgs = CoordinateSystem.parse(d.crs()).toWgs84(d.lng(), d.lat());
        String code = d.divisionCode() != null && !d.divisionCode().isBlank() ? d.divisionCode() : place.mostPreciseCode();
        return d.at(wgs[1], wgs[0], code);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

package org.hemei.casework;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import org.hemei.casework.Routing.Route;
import org.hemei.organization.Unit;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.hemei.shared.Languages;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The 12345 centre's side of an order: register, dispatch (with the routing's suggestion or a correction), review
 * returns, extensions and suspensions, merge duplicates, mark invalid demands, close or reopen after follow-up.
 */
@Service
public class Dispatching {

    public record DispatchRequest(Long leadUnitId, Set<Long> assistingUnitIds, String note, Integer version) {
    }

    private final OrderAccess access;
    private final Categories categories;
    private final Calendars calendars;
    private final Routing routing;
    private final Units units;
    private final org.hemei.territory.Territory territory;
    private final org.hemei.triage.TrainingExamples examples;
    private final Suggestions suggestions;
    private final Clock clock;

    Dispatching(OrderAccess access, Categories categories, Calendars calendars, Routing routing, Units units,
            org.hemei.territory.Territory territory, org.hemei.triage.TrainingExamples examples, Suggestions suggestions, Clock clock) {
        this.suggestions = suggestions;
        this.territory = territory;
        this.examples = examples;
        this.access = access;
        this.categories = categories;
        this.calendars = calendars;
        this.routing = routing;
        this.units = units;
        this.clock = clock;
    }

    @Transactional
    public WorkOrder register(long id, String categoryCode, Urgency urgency, boolean majorHazard, String note, Integer version) {
        return register(id, categoryCode, null, urgency, majorHazard, note, version);
    }

    /**
     * Registers with the category (and, if given, the place) the dispatcher confirms. How that compares with
     * triage's suggestion goes on the timeline, and the confirmed group becomes a training example.
     */
    @Transactional
    public WorkOrder register(long id, String categoryCode, String placeCode, Urgency urgency, boolean majorHazard, String note,
            Integer version) {
        OrderAccess.requireCentre();
        if (categoryCode == null || categoryCode.isBlank()) throw DomainException.badRequest("请选择类别 / category is required");
        Category category = categories.get(categoryCode);
        String place = placeCode == null || placeCode.isBlank() ? null : placeCode.strip();
        if (place != null && !territory.exists(place) && !(place.length() == 15 && territory.exists(place.substring(0, 12)))) {
            throw DomainException.badRequest("区划代码不存在 / unknown divisionCode: " + place);
        }
        WorkOrder order = access.apply(id, version, o -> {
            suggestions.ensure(o); // not yet triaged after intake (IntakeSuggestions): propose it now
            return o.register(category, urgency, majorHazard, place, Languages.both(confirmation(o, category, place), note));
        });
        examples.add(order.getTitle(), order.getText(), category.level1(), "casework");
        return order.isMajorHazard() ? linkEmergency(order, category) : order;
    }

    /** Whether the dispatcher confirmed or corrected triage's proposed group and place, in words. */
    private String confirmation(WorkOrder o, Category chosen, String place) {
        String group = null, where = null;
        if (o.getSuggestedGroup() != null) {
            String suggested = o.getSuggestedGroup();
            group = suggested.equals(chosen.level1())
                    ? "确认建议类别「" + suggested + "」，登记为「" + chosen.name() + "」 / suggestion confirmed: " + suggested
                            + ", registered as " + chosen.nameEn()
                    : "更正建议类别「" + suggested + "」为「" + chosen.level1() + "」，登记为「" + chosen.name() + "」 / suggestion corrected: "
                            + suggested + " → " + chosen.level1() + ", registered as " + chosen.nameEn();
        }
        if (place != null && o.getSuggestedDivision() != null) {
            String suggested = placeName(o.getSuggestedDivision()), chosenPlace = placeName(place);
            where = place.equals(o.getSuggestedDivision()) ? "确认建议地点「" + suggested + "」 / place confirmed: " + suggested
                    : place.startsWith(o.getSuggestedDivision())
                    ? "确认建议地点「" + suggested + "」，登记为「" + chosenPlace + "」 / place confirmed: " + suggested + ", registered as " + chosenPlace
                    : "更正建议地点「" + suggested + "」为「" + chosenPlace + "」 / place corrected: " + suggested + " → " + chosenPlace;
        }
        return Languages.both(group, where);
    }

    /** A division by its name (a grid, which the territory does not name, by its code). */
    private String placeName(String code) {
        return territory.find(code).map(org.hemei.territory.Division::name).orElse(code);
    }

    /** At the hotline: registered while the caller is on the line; answered consultations close at once. */
    WorkOrder registerAtIntake(WorkOrder order, Category category, String answer) {
        order.register(category, order.getUrgency(), order.isMajorHazard(), null, confirmation(order, category, null));
        order = access.save(order);
        examples.add(order.getTitle(), order.getText(), category.level1(), "casework");
        if (answer != null && !answer.isBlank()) {
            order.closeAtIntake(answer.strip(), clock.instant());
            return access.save(order);
        }
        return order.isMajorHazard() ? linkEmergency(order, category) : order;
    }

    /** Dispatch to the given lead unit, or to the routing's suggestion when none is given. */
    @Transactional
    public WorkOrder dispatch(long id, DispatchRequest request) {
        OrderAccess.requireCentre();
        WorkOrder order = access.get(id);
        Category category = category(order);
        Route suggested = routing.route(category, order.getDivisionCode(), order.getUrgency(), order.getChannel()).orElse(null);
        long lead = leadOf(request.leadUnitId(), suggested);
        Set<Long> assist = assistOf(request.assistingUnitIds(), suggested);
        String note = describe(suggested, lead, request.note());
        Instant now = clock.instant();
        return access.apply(id, request.version(), o -> o.dispatch(lead, assist, signDue(o, category, now),
                handleDue(o, category, now), now, note));
    }

    @Transactional
    public WorkOrder reviewReturn(long id, boolean accept, DispatchRequest redispatch) {
        OrderAccess.requireCentre();
        if (!accept) return access.apply(id, redispatch.version(), o -> o.rejectReturn(redispatch.note()));
        WorkOrder order = access.get(id);
        Category category = category(order);
        if (redispatch.leadUnitId() == null) {
            throw DomainException.badRequest("改派须指定新的主办单位 / accepting a return needs the new leadUnitId");
        }
        long lead = unit(redispatch.leadUnitId()).getId();
        Set<Long> assist = redispatch.assistingUnitIds() == null ? Set.of() : redispatch.assistingUnitIds();
        assist.forEach(this::unit);
        Instant now = clock.instant();
        return access.apply(id, redispatch.version(), o -> o.acceptReturn(lead, assist, signDue(o, category, now),
                handleDue(o, category, now), now, redispatch.note()));
    }

    @Transactional
    public WorkOrder decideExtension(long id, boolean approve, String note, Integer version) {
        OrderAccess.requireCentre();
        return access.apply(id, version, o -> o.decideExtension(approve, note));
    }

    @Transactional
    public WorkOrder decideSuspension(long id, boolean approve, String note, Integer version) {
        OrderAccess.requireCentre();
        return access.apply(id, version, o -> o.decideSuspension(approve, clock.instant(), note));
    }

    @Transactional
    public WorkOrder merge(long id, long masterId, String note, Integer version) {
        OrderAccess.requireCentre();
        WorkOrder master = access.get(masterId);
        return access.apply(id, version, o -> o.mergeInto(master, note));
    }

    @Transactional
    public WorkOrder invalidate(long id, String reason, Integer version) {
        OrderAccess.requireCentre();
        if (reason == null || reason.isBlank()) throw DomainException.badRequest("请说明无效原因 / a reason is required");
        return access.apply(id, version, o -> o.invalidate(reason, clock.instant()));
    }

    @Transactional
    public WorkOrder close(long id, String note, Integer version) {
        OrderAccess.requireCentre();
        return access.apply(id, version, o -> o.close(clock.instant(), note));
    }

    @Transactional
    public WorkOrder reopen(long id, String note, Integer version) {
        OrderAccess.requireCentre();
        return access.apply(id, version, o -> o.reopen(note));
    }

    /**
     * 应急联动: a major hazard goes at once to its lead and to every department of the category's emergency
     * plan, on emergency time limits.
     */
    private WorkOrder linkEmergency(WorkOrder order, Category category) {
        Route route = routing.route(category, order.getDivisionCode(), order.getUrgency(), order.getChannel()).orElse(null);
        if (route == null) return order; // no place known: the dispatcher must choose the units by hand
        Set<Long> assist = new LinkedHashSet<>();
        route.assisting().forEach(u -> assist.add(u.getId()));
        routing.emergencyPlan(category, order.getDivisionCode()).forEach(u -> assist.add(u.getId()));
        Instant now = clock.instant();
        order.dispatch(route.lead().getId(), assist, signDue(order, category, now), handleDue(order, category, now), now,
                "应急联动 / emergency linkage: " + route.explanation());
        return access.save(order);
    }

    private Instant signDue(WorkOrder o, Category c, Instant from) {
        return (o.getUrgency() == Urgency.EMERGENCY ? TimeLimit.parse("15m") : c.signLimit()).deadline(from, calendars.current());
    }

    private Instant handleDue(WorkOrder o, Category c, Instant from) {
        return (o.getUrgency() == Urgency.EMERGENCY ? TimeLimit.parse("2h") : c.handleLimit()).deadline(from, calendars.current());
    }

    private Category category(WorkOrder order) {
        if (order.getCategoryCode() == null) throw DomainException.conflict("工单尚未分类 / register the order with a category first");
        return categories.get(order.getCategoryCode());
    }

    private long leadOf(Long requested, Route suggested) {
        if (requested != null) return unit(requested).getId();
        if (suggested == null) {
            throw DomainException.badRequest("无法自动确定主办单位，请指定 leadUnitId / no unit found for this place: choose leadUnitId");
        }
        return suggested.lead().getId();
    }

    private Set<Long> assistOf(Set<Long> requested, Route suggested) {
        if (requested != null) {
            requested.forEach(this::unit);
            return requested;
        }
        Set<Long> ids = new LinkedHashSet<>();
        if (suggested != null) suggested.assisting().forEach(u -> ids.add(u.getId()));
        return ids;
    }

    /** Records whether the dispatcher followed the routing or corrected it (the accurate-dispatch measure). */
    private static String describe(Route suggested, long lead, String note) {
        String how = suggested == null ? "人工指定 / chosen by hand"
                : suggested.lead().getId() == lead ? suggested.explanation()
                : "派单员更正了建议（原建议 " + suggested.lead().getName() + "） / dispatcher corrected the suggestion (it was "
                        + suggested.lead().getName() + ")";
        return Languages.both(how, note);
    }

    private Unit unit(Long id) {
        return units.find(id).filter(Unit::isActive)
                .orElseThrow(() -> DomainException.badRequest("单位不存在或已停用 / no active unit " + id));
    }
}

package org.hemei.casework.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.hemei.casework.Calendars;
import org.hemei.casework.Categories;
import org.hemei.casework.Category;
import org.hemei.casework.Channel;
import org.hemei.casework.Dispatching;
import org.hemei.casework.Dispatching.DispatchRequest;
import org.hemei.casework.Handling;
import org.hemei.casework.Intake;
import org.hemei.casework.Intake.Demand;
import org.hemei.casework.Orders;
import org.hemei.casework.Orders.OrderRow;
import org.hemei.casework.Orders.OrderView;
import org.hemei.casework.Routing;
import org.hemei.casework.Satisfaction;
import org.hemei.casework.Status;
import org.hemei.casework.Urgency;
import org.hemei.identity.Actor;
import org.hemei.identity.AdminOnly;
import org.hemei.identity.Role;
import org.hemei.identity.SignedIn;
import org.hemei.identity.Staff;
import org.hemei.shared.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "casework", description = "12345 + 网格工单 / hotline and grid work orders")
@RestController
@RequestMapping("/api/casework")
class CaseworkApi {

    record NoteRequest(String note, Integer version) {
    }

    record RegisterRequest(String category, String divisionCode, Urgency urgency, Boolean majorHazard, String note, Integer version) {
    }

    record SuggestRequest(String title, String text, String category, String divisionCode, Double lat, Double lng) {
    }

    record ReviewRequest(Boolean accept, Long leadUnitId, Set<Long> assistingUnitIds, String note, Integer version) {
    }

    record DecisionRequest(Boolean approve, String note, Integer version) {
    }

    record MergeRequest(Long into, String note, Integer version) {
    }

    record ReasonRequest(String reason, Integer version) {
    }

    record ExtensionRequest(Instant until, String reason, Integer version) {
    }

    record VerifyRequest(Boolean passed, String note, Integer version) {
    }

    record FollowUpRequest(Boolean resolved, Satisfaction satisfaction, String note, Integer version) {
    }

    /** A year's holidays and adjusted working days, as published. */
    record CalendarYear(List<Calendars.Day> days) {
    }

    record RouteView(Long leadUnitId, String leadUnitName, List<Long> assistingUnitIds, String explanation) {
    }

    private final Intake intake;
    private final Dispatching dispatching;
    private final Handling handling;
    private final Orders orders;
    private final Categories categories;
    private final Routing routing;
    private final Calendars calendars;
    private final org.hemei.casework.Suggestions suggestions;

    CaseworkApi(Intake intake, Dispatching dispatching, Handling handling, Orders orders, Categories categories, Routing routing,
            Calendars calendars, org.hemei.casework.Suggestions suggestions) {
        this.suggestions = suggestions;
        this.intake = intake;
        this.dispatching = dispatching;
        this.handling = handling;
        this.orders = orders;
        this.categories = categories;
        this.routing = routing;
        this.calendars = calendars;
    }

    @SignedIn
    @Operation(summary = "Receive a demand (any channel); repeat with the same Idempotency-Key returns the first order (200)")
    @PostMapping("/orders")
    ResponseEntity<OrderView> receive(@RequestBody Demand demand,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        Intake.Received received = intake.receive(channelOf(Actor.current()), demand, idempotencyKey);
        return ResponseEntity.status(received.repeated() ? HttpStatus.OK : HttpStatus.CREATED)
                .body(orders.view(received.order(), received.timeline()));
    }

    @SignedIn
    @GetMapping("/orders")
    Paging<OrderRow> list(@RequestParam(required = false) Set<Status> status, @RequestParam(required = false) Long unit,
            @RequestParam(required = false) String division, @RequestParam(required = false) Boolean overdue,
            @RequestParam(required = false) String q, @RequestParam(required = false) Boolean awaitingDecision,
            @RequestParam(required = false) Boolean awaitingFollowUp, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        Orders.Query query = new Orders.Query(status, unit, division, overdue, q);
        if (Boolean.TRUE.equals(awaitingDecision)) query = query.awaitingDecision();
        if (Boolean.TRUE.equals(awaitingFollowUp)) query = query.awaitingFollowUp(); // handled (and checked where due), not yet rated
        return orders.search(query, Paging.page(page), Paging.size(size));
    }

    @SignedIn
    @GetMapping("/orders/{id}")
    OrderView order(@PathVariable long id) {
        return orders.view(id);
    }

    @SignedIn
    @GetMapping("/orders/by-number/{number}")
    OrderView byNumber(@PathVariable String number) {
        return orders.byNumber(number);
    }

    @Staff
    @Operation(summary = "Show the requester's name and phone in full (audited)")
    @PostMapping("/orders/{id}/reveal-requester")
    OrderView reveal(@PathVariable long id) {
        return orders.revealRequester(id);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/orders/{id}/register")
    OrderView register(@PathVariable long id, @RequestBody RegisterRequest r) {
        return view(dispatching.register(id, r.category(), r.divisionCode(), r.urgency(), Boolean.TRUE.equals(r.majorHazard()), r.note(),
                r.version()).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "Dispatch to leadUnitId, or to the routing's suggestion when it is omitted")
    @PostMapping("/orders/{id}/dispatch")
    OrderView dispatch(@PathVariable long id, @RequestBody DispatchRequest r) {
        return view(dispatching.dispatch(id, r).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/orders/{id}/return-review")
    OrderView reviewReturn(@PathVariable long id, @RequestBody ReviewRequest r) {
        return view(dispatching.reviewReturn(id, Boolean.TRUE.equals(r.accept()),
                new DispatchRequest(r.leadUnitId(), r.assistingUnitIds(), r.note(), r.version())).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/orders/{id}/extension-decision")
    OrderView decideExtension(@PathVariable long id, @RequestBody DecisionRequest r) {
        return view(dispatching.decideExtension(id, Boolean.TRUE.equals(r.approve()), r.note(), r.version()).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/orders/{id}/suspension-decision")
    OrderView decideSuspension(@PathVariable long id, @RequestBody DecisionRequest r) {
        return view(dispatching.decideSuspension(id, Boolean.TRUE.equals(r.approve()), r.note(), r.version()).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "Merge this duplicate into another open order (并单)")
    @PostMapping("/orders/{id}/merge")
    OrderView merge(@PathVariable long id, @RequestBody MergeRequest r) {
        if (r.into() == null) throw org.hemei.shared.DomainException.badRequest("请指定并入的工单 into / into is required");
        return view(dispatching.merge(id, r.into(), r.note(), r.version()).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/orders/{id}/invalidate")
    OrderView invalidate(@PathVariable long id, @RequestBody ReasonRequest r) {
        return view(dispatching.invalidate(id, r.reason(), r.version()).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/orders/{id}/close")
    OrderView close(@PathVariable long id, @RequestBody NoteRequest r) {
        return view(dispatching.close(id, r.note(), r.version()).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/orders/{id}/reopen")
    OrderView reopen(@PathVariable long id, @RequestBody NoteRequest r) {
        return view(dispatching.reopen(id, r.note(), r.version()).getId());
    }

    @Staff
    @PostMapping("/orders/{id}/sign")
    OrderView sign(@PathVariable long id, @RequestBody NoteRequest r) {
        return view(handling.sign(id, r.version()).getId());
    }

    @Staff
    @PostMapping("/orders/{id}/start")
    OrderView start(@PathVariable long id, @RequestBody NoteRequest r) {
        return view(handling.start(id, r.note(), r.version()).getId());
    }

    @Staff
    @PostMapping("/orders/{id}/handle")
    OrderView handle(@PathVariable long id, @RequestBody NoteRequest r) {
        return view(handling.handle(id, r.note(), r.version()).getId());
    }

    @Staff
    @Operation(summary = "Ask the 12345 centre to take back a wrongly sent order (退单)")
    @PostMapping("/orders/{id}/return")
    OrderView requestReturn(@PathVariable long id, @RequestBody ReasonRequest r) {
        return view(handling.requestReturn(id, r.reason(), r.version()).getId());
    }

    @Staff
    @PostMapping("/orders/{id}/extension")
    OrderView requestExtension(@PathVariable long id, @RequestBody ExtensionRequest r) {
        return view(handling.requestExtension(id, r.until(), r.reason(), r.version()).getId());
    }

    @Staff
    @PostMapping("/orders/{id}/suspension")
    OrderView requestSuspension(@PathVariable long id, @RequestBody ReasonRequest r) {
        return view(handling.requestSuspension(id, r.reason(), r.version()).getId());
    }

    @Staff
    @PostMapping("/orders/{id}/resume")
    OrderView resume(@PathVariable long id, @RequestBody NoteRequest r) {
        return view(handling.resume(id, r.note(), r.version()).getId());
    }

    @Staff
    @PostMapping("/orders/{id}/verify")
    OrderView verify(@PathVariable long id, @RequestBody VerifyRequest r) {
        if (r.passed() == null) throw org.hemei.shared.DomainException.badRequest("请填写核查结果 passed / passed is required");
        return view(handling.verify(id, r.passed(), r.note(), r.version()).getId());
    }

    @SignedIn
    @Operation(summary = "Follow-up 回访 by the 12345 centre, or the requester's own rating")
    @PostMapping("/orders/{id}/follow-up")
    OrderView followUp(@PathVariable long id, @RequestBody FollowUpRequest r) {
        return view(handling.followUp(id, r.resolved(), r.satisfaction(), r.note(), r.version()).getId());
    }

    @Staff
    @Operation(summary = "What triage proposes at intake: category group, the catalogue's categories in it, and the place")
    @PostMapping("/suggestions")
    org.hemei.casework.Suggestions.Suggestion suggest(@RequestBody SuggestRequest r) {
        return suggestions.suggest(r.title(), r.text(), r.category(), r.divisionCode(), r.lat(), r.lng(), null);
    }

    /** A phone number in the body, not the address: addresses end up in access logs. */
    record CallerRequest(String phone) {
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "A caller's earlier demands by phone number (来电历史): how many, and the ten newest; audited")
    @PostMapping("/caller-history")
    Orders.CallerHistory callerHistory(@RequestBody CallerRequest r) {
        return orders.callerHistory(r.phone(), 10);
    }

    @Staff
    @Operation(summary = "Open orders this one likely repeats (same place or within 300 m, last 7 days, similar text), for 并单")
    @GetMapping("/orders/{id}/duplicates")
    List<org.hemei.casework.Duplicates.Candidate> duplicates(@PathVariable long id) {
        return orders.duplicates(id);
    }

    @SignedIn
    @GetMapping("/categories")
    List<Category> categories() {
        return categories.all();
    }

    @Staff
    @Operation(summary = "Which unit would lead an order of this category at this place, and why")
    @GetMapping("/routing")
    RouteView route(@RequestParam(required = false) String category, @RequestParam(required = false) String division) {
        if (category == null || division == null) {
            throw org.hemei.shared.DomainException.badRequest("缺少参数 category 或 division / missing parameter category or division");
        }
        return routing.route(categories.get(category), division)
                .map(r -> new RouteView(r.lead().getId(), r.lead().getName(), r.assisting().stream().map(u -> u.getId()).toList(),
                        r.explanation()))
                .orElse(new RouteView(null, null, List.of(), "无法确定主办单位，请人工指定 / no unit found: choose by hand"));
    }

    @Staff
    @GetMapping("/calendar/{year}")
    List<Calendars.Day> calendar(@PathVariable int year) {
        return calendars.days(year);
    }

    @AdminOnly
    @Operation(summary = "Enter a year's holidays and adjusted working days as published by the State Council")
    @PutMapping("/calendar/{year}")
    List<Calendars.Day> replaceCalendar(@PathVariable int year, @RequestBody CalendarYear body) {
        calendars.replaceYear(year, body.days() == null ? List.of() : body.days());
        return calendars.days(year);
    }

    private OrderView view(long id) {
        return orders.view(id);
    }

    /** The channel follows from who reports: operators take calls, grid workers patrol, couriers report. */
    private static Channel channelOf(Actor actor) {
        if (actor.has(Role.DISPATCHER)) return Channel.HOTLINE;
        if (actor.has(Role.GRID_WORKER)) return Channel.GRID_PATROL;
        if (actor.has(Role.COURIER)) return Channel.COURIER;
        return Channel.WEB;
    }
}

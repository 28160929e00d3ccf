package org.hemei.casework.web;

import java.time.LocalDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.hemei.casework.Categories;
import org.hemei.casework.Channel;
import org.hemei.casework.Dispatching;
import org.hemei.casework.Dispatching.DispatchRequest;
import org.hemei.casework.Handling;
import org.hemei.casework.Intake;
import org.hemei.casework.Intake.Demand;
import org.hemei.casework.Orders;
import org.hemei.casework.Orders.OrderView;
import org.hemei.casework.Photos;
import org.hemei.casework.Routing;
import org.hemei.casework.Satisfaction;
import org.hemei.casework.Status;
import org.hemei.casework.TimeLimit;
import org.hemei.casework.Urgency;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.identity.SignedIn;
import org.hemei.identity.Staff;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The people's views of casework: the dispatch board, a unit's inbox, the order page with the actions its viewer
 * may take, the operator's intake console, and the resident's report, track and rate pages.
 */
@Controller
class CaseworkPages {

    /** Every field any action form may post; each action reads what it needs. */
    record ActionForm(String action, Integer version, String note, String reason, String category, String divisionCode, Urgency urgency,
            Boolean majorHazard, String leadUnitId, String into, Boolean accept, Boolean approve, Boolean passed, Boolean resolved,
            Satisfaction satisfaction, LocalDateTime until, String unitIds, Long summons, org.hemei.casework.Whistles.Rating rating) {

        /** The units to summon: ticked, or typed by name (or number), several in one field separated by commas. */
        Set<Long> units(java.util.function.Function<String, Long> unitId) {
            return unitParts().map(unitId).collect(java.util.stream.Collectors.toCollection(LinkedHashSet::new));
        }

        /** For a refused whistle shown again: the ticked units' numbers, and what was typed besides. */
        public Set<String> tickedUnits() {
            return unitParts().filter(part -> part.chars().allMatch(Character::isDigit)).collect(java.util.stream.Collectors.toSet());
        }

        public String typedUnits() {
            return unitParts().filter(part -> !part.chars().allMatch(Character::isDigit)).collect(java.util.stream.Collectors.joining("，"));
        }

        private java.util.stream.Stream<String> unitParts() {
            return java.util.Arrays.stream((unitIds == null ? "" : unitIds).split("[,，、;；]+")).map(String::strip).filter(p -> !p.isEmpty());
        }

        Long leadUnit(java.util.function.Function<String, Long> unitId) {
            return blank(leadUnitId) == null ? null : unitId.apply(leadUnitId.strip());
        }
    }

    record IntakeForm(String title, String text, String category, Urgency urgency, Boolean majorHazard, String requesterName,
            String requesterPhone, Boolean confidential, Double lat, Double lng, String address, String divisionCode,
            String answer, String idempotencyKey, String mergeInto) {

        /** {@code place}: the place field as typed (a name, a division's or a grid's code) to its code. */
        Demand demand(java.util.function.UnaryOperator<String> place) {
            return new Demand(blank(title), text, blank(category), urgency, majorHazard, blank(requesterName),
                    blank(requesterPhone), confidential, lat, lng, "wgs84", blank(address), place.apply(divisionCode), blank(answer), null);
        }
    }

    private final Intake intake;
    private final Dispatching dispatching;
    private final Handling handling;
    private final Orders orders;
    private final Categories categories;
    private final Routing routing;
    private final org.hemei.casework.LiveUpdates live;
    private final org.hemei.casework.Notifications notifications;
    private final org.hemei.casework.Supervision supervision;
    private final org.hemei.casework.Whistles whistles;
    private final org.hemei.casework.Suggestions suggestions;
    private final Photos photos;
    private final org.hemei.organization.Units units;
    private final org.hemei.territory.Territory territory;
    private final org.hemei.territory.Grids grids;

    CaseworkPages(Intake intake, Dispatching dispatching, Handling handling, Orders orders, Categories categories, Routing routing,
            org.hemei.casework.LiveUpdates live, org.hemei.casework.Notifications notifications,
            org.hemei.casework.Supervision supervision, org.hemei.casework.Whistles whistles,
            org.hemei.casework.Suggestions suggestions, Photos photos, org.hemei.organization.Units units,
            org.hemei.territory.Territory territory, org.hemei.territory.Grids grids) {
        this.territory = territory;
        this.grids = grids;
        this.photos = photos;
        this.units = units;
        this.suggestions = suggestions;
        this.whistles = whistles;
        this.live = live;
        this.notifications = notifications;
        this.supervision = supervision;
        this.intake = intake;
        this.dispatching = dispatching;
        this.handling = handling;
        this.orders = orders;
        this.categories = categories;
        this.routing = routing;
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER')")
    @GetMapping("/casework/board")
    String board(BoardFilter filter, @RequestParam(required = false) Integer page, Model model) {
        Paging<Orders.OrderRow> result = new Paging<>(List.of(), 0, 20, 0);
        try {
            result = orders.search(filter.query(territory), Paging.page(page), 20);
        } catch (DomainException e) { // a place that names none, or several, says so
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("result", result);
        model.addAttribute("filter", filter);
        model.addAttribute("statuses", Status.values());
        return "casework/board";
    }

    @PreAuthorize("hasAnyRole('ADMIN','UNIT_STAFF','GRID_WORKER')")
    @GetMapping("/casework/inbox")
    String inbox(@RequestParam(required = false) String tab, @RequestParam(required = false) Integer page, Model model) {
        Actor actor = Actor.current();
        List<String> tabs = org.hemei.casework.Inbox.tabs(actor);
        String shown = tab != null && tabs.contains(tab) ? tab : tabs.get(0);
        java.time.Instant now = java.time.Instant.now();
        var result = orders.search(org.hemei.casework.Inbox.query(actor, shown, now), Paging.page(page), 20);
        // each tab says how many wait in it (the shown one: its list's total); what is done only grows, so it is not counted
        List<String> others = tabs.stream().filter(t -> !t.equals("done") && !t.equals(shown)).toList();
        List<Long> tally = orders.counts(others.stream().map(t -> org.hemei.casework.Inbox.query(actor, t, now)).toList());
        java.util.Map<String, Long> counts = new java.util.HashMap<>();
        for (int i = 0; i < others.size(); i++) counts.put(others.get(i), tally.get(i));
        if (!shown.equals("done")) counts.put(shown, result.total());
        model.addAttribute("counts", counts);
        model.addAttribute("result", result);
        model.addAttribute("tab", shown);
        model.addAttribute("tabs", tabs);
        return "casework/inbox";
    }

    @SignedIn
    @GetMapping("/casework/orders/{id}")
    String order(@PathVariable long id, Model model) {
        OrderView order = orders.view(id);
        model.addAttribute("order", order);
        model.addAttribute("actions", orders.availableActions(id));
        model.addAttribute("categories", categories.all());
        model.addAttribute("satisfactions", Satisfaction.values());
        model.addAttribute("whistles", whistles.whistles(id));
        if (model.getAttribute("actions") instanceof Set<?> a && (a.contains("dispatch") || a.contains("return-review") || a.contains("whistle"))) {
            var options = unitOptions(order.divisionCode());
            model.addAttribute("unitOptions", options);
            model.addAttribute("unitChoices", units.choices(options));
            model.addAttribute("district", order.divisionCode() == null || order.divisionCode().length() < 6 ? null
                    : order.divisionCode().substring(0, 6));
        }
        if (order.status() == Status.RECEIVED && model.getAttribute("actions") instanceof Set<?> a && a.contains("register")) {
            model.addAttribute("suggestion", suggestions.suggest(order.title(), order.text()));
        }
        if (model.getAttribute("actions") instanceof Set<?> a && a.contains("merge")) {
            model.addAttribute("duplicates", orders.duplicates(id));
        }
        model.addAttribute("mergedInto", orders.mergedInto(order).orElse(null));
        model.addAttribute("mergedHere", orders.mergedHere(id));
        model.addAttribute("ratings", org.hemei.casework.Whistles.Rating.values());
        model.addAttribute("photos", photos.list(id));
        model.addAttribute("photoMaxBytes", photos.maxBytes());
        model.addAttribute("photoPurposes", order.status().isOpen() ? photos.mayAttach(id) : Set.of());
        if (order.categoryCode() != null && order.divisionCode() != null
                && (order.status() == Status.REGISTERED || order.status() == Status.RETURN_REQUESTED)) {
            routing.route(categories.get(order.categoryCode()), order.divisionCode()).ifPresent(r -> model.addAttribute("route", r));
        }
        return "casework/order";
    }

    @Staff
    @PostMapping("/casework/orders/{id}/reveal")
    String reveal(@PathVariable long id, Model model) {
        model.addAttribute("order", orders.revealRequester(id));
        return "casework/order :: requester";
    }

    @SignedIn
    @PostMapping("/casework/orders/{id}/act")
    String act(@PathVariable long id, ActionForm f, RedirectAttributes redirect) {
        try {
            perform(id, f);
            redirect.addFlashAttribute("done", f.action() + outcome(f));
        } catch (DomainException e) {
            refused(redirect, f, e.getMessage());
        } catch (OptimisticLockingFailureException e) {
            refused(redirect, f, "工单已被他人处理，请查看最新状态 / someone else acted on this order first: see its current state");
        }
        return "redirect:/casework/orders/" + id;
    }

    /** Server-sent events that make boards and inboxes refresh when an order they show changes. */
    @SignedIn
    @GetMapping(value = "/casework/stream", produces = "text/event-stream")
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter stream() {
        return live.subscribe();
    }

    @SignedIn
    @GetMapping("/notifications")
    String notifications(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", notifications.mine(false, Paging.page(page), 30));
        return "casework/notifications";
    }

    @SignedIn
    @PostMapping("/notifications/{id}/read")
    String read(@PathVariable long id) {
        String page = notifications.markRead(id); // the stored page, never one the request names: no open redirect
        return "redirect:" + (page == null ? "/notifications" : page);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/casework/intake")
    String intakeConsole(Model model) {
        model.addAttribute("categories", categories.all());
        model.addAttribute("key", java.util.UUID.randomUUID().toString());
        return "casework/intake";
    }

    /** htmx: triage's proposal for the text being typed at the intake console. */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/casework/suggestions")
    String suggestions(@RequestParam(required = false) String title, @RequestParam(required = false) String text,
            @RequestParam(required = false) String category, @RequestParam(required = false) String divisionCode, Model model) {
        model.addAttribute("s", suggestions.suggest(title, text, blank(category), blank(divisionCode), null, null, null));
        model.addAttribute("atIntake", true); // its likely duplicates can take the call as merged (并单)
        return "casework/suggestions :: panel";
    }

    /** htmx: the caller's earlier demands once the operator leaves the phone field (来电历史, audited). */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/casework/intake/caller")
    String callerHistory(@RequestParam(required = false) String requesterPhone, Model model) {
        if (requesterPhone == null || requesterPhone.isBlank()) return "casework/suggestions :: nothing";
        try {
            model.addAttribute("h", orders.callerHistory(requesterPhone, 5));
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
            return "casework/suggestions :: refused";
        }
        return "casework/suggestions :: callerHistory";
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/casework/intake")
    String receiveCall(IntakeForm form, Model model, RedirectAttributes redirect) {
        return receive(Channel.HOTLINE, form, null, "redirect:/casework/intake", model, redirect, "casework/intake");
    }

    @SignedIn
    @GetMapping("/report")
    String reportForm(Model model) {
        model.addAttribute("key", java.util.UUID.randomUUID().toString());
        model.addAttribute("photoMaxBytes", photos.maxBytes());
        return "casework/report";
    }

    @SignedIn
    @PostMapping("/report")
    String report(IntakeForm form, @RequestParam(required = false) MultipartFile photo, Model model, RedirectAttributes redirect) {
        Actor actor = Actor.current();
        Channel channel = actor.has(Role.COURIER) ? Channel.COURIER : actor.has(Role.GRID_WORKER) ? Channel.GRID_PATROL : Channel.WEB;
        return receive(channel, form, CaseworkUploadsApi.upload(photo), null, model, redirect, "casework/report");
    }

    /** Follow an order by its number; residents see only their own. */
    @SignedIn
    @GetMapping("/track")
    String track(@RequestParam(required = false) String number, @RequestParam(required = false) Boolean rate,
            @RequestParam(required = false) Integer page, Model model) {
        if (number != null && !number.isBlank()) {
            try {
                return "redirect:/casework/orders/" + orders.byNumber(number.strip()).id();
            } catch (DomainException | org.springframework.security.access.AccessDeniedException e) {
                model.addAttribute("error", "未找到您的工单 " + number + " / no order of yours has this number: " + number);
            }
        }
        Orders.Query all = Orders.Query.any(), toRate = all.awaitingFollowUp();
        model.addAttribute("mine", orders.search(Boolean.TRUE.equals(rate) ? toRate : all, Paging.page(page), 20));
        model.addAttribute("rate", Boolean.TRUE.equals(rate));
        model.addAttribute("toRate", orders.count(toRate));
        return "casework/track";
    }

    /** Receives the demand; a photo is checked before the order is made (a bad photo → the form again, nothing created). */
    private String receive(Channel channel, IntakeForm form, Photos.Upload photo, String after, Model model, RedirectAttributes redirect,
            String view) {
        try {
            if (photo != null) photos.check(photo);
            Intake.Received r = intake.receive(channel, form.demand(this::placeCode), form.idempotencyKey());
            redirect.addFlashAttribute("created", r.order().getNumber());
            // only the centre's console merges; a resident's report never does, whatever it posts
            if (channel == Channel.HOTLINE && blank(form.mergeInto()) != null && !r.repeated()) mergeAtIntake(r.order(), form.mergeInto(), redirect);
            if (photo != null) {
                try {
                    photos.attach(r.order().getId(), photo, Photos.Purpose.INTAKE.name());
                } catch (DomainException | org.springframework.security.access.AccessDeniedException e) {
                    redirect.addFlashAttribute("error", "照片未能添加 / the photo was not added: " + e.getMessage());
                }
            }
            return after != null ? after : "redirect:/casework/orders/" + r.order().getId();
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", form);
            model.addAttribute("categories", categories.all());
            model.addAttribute("key", form.idempotencyKey());
            model.addAttribute("photoMaxBytes", photos.maxBytes());
            model.addAttribute("photoAgain", photo != null); // a browser never refills a file input
            return view;
        }
    }

    /**
     * The operator saw at intake that the call repeats an open order (并单): the new order is kept, then merged into
     * that one. If the merge is refused (the other has just closed), the order stays received and the console says why.
     */
    private void mergeAtIntake(org.hemei.casework.WorkOrder received, String into, RedirectAttributes redirect) {
        try {
            org.hemei.casework.WorkOrder merged = dispatching.merge(received.getId(), mergeTarget(into), "受理时并单 / merged at intake", received.getVersion());
            redirect.addFlashAttribute("mergedInto", orders.view(merged.getMergedIntoId()).number());
        } catch (DomainException | org.springframework.security.access.AccessDeniedException e) {
            redirect.addFlashAttribute("error", "已受理，但未能并单 / received, but not merged: " + e.getMessage());
        }
    }

    /** The refusal and what was typed, so the form comes back filled in and the person fixes only what was wrong. */
    private static void refused(RedirectAttributes redirect, ActionForm f, String message) {
        redirect.addFlashAttribute("error", message);
        redirect.addFlashAttribute("posted", f);
    }

    private void perform(long id, ActionForm f) {
        Integer v = f.version();
        switch (f.action() == null ? "" : f.action()) {
            case "register" -> dispatching.register(id, f.category(), placeCode(f.divisionCode()), f.urgency(), Boolean.TRUE.equals(f.majorHazard()),
                    f.note(), v);
            case "dispatch" -> dispatching.dispatch(id, new DispatchRequest(f.leadUnit(this::unitId), null, f.note(), v));
            case "return-review" -> dispatching.reviewReturn(id, Boolean.TRUE.equals(f.accept()),
                    new DispatchRequest(f.leadUnit(this::unitId), new LinkedHashSet<>(), f.note(), v));
            case "extension-decision" -> dispatching.decideExtension(id, Boolean.TRUE.equals(f.approve()), f.note(), v);
            case "suspension-decision" -> dispatching.decideSuspension(id, Boolean.TRUE.equals(f.approve()), f.note(), v);
            case "merge" -> dispatching.merge(id, mergeTarget(f.into()), f.note(), v);
            case "invalidate" -> dispatching.invalidate(id, f.reason(), v);
            case "close" -> dispatching.close(id, f.note(), v);
            case "reopen" -> dispatching.reopen(id, f.note(), v);
            case "sign" -> handling.sign(id, v);
            case "start" -> handling.start(id, f.note(), v);
            case "handle" -> handling.handle(id, f.note(), v);
            case "return" -> handling.requestReturn(id, f.reason(), v);
            case "extension" -> handling.requestExtension(id, f.until() == null ? null
                    : f.until().atZone(TimeLimit.CHINA).toInstant(), f.reason(), v);
            case "suspension" -> handling.requestSuspension(id, f.reason(), v);
            case "resume" -> handling.resume(id, f.note(), v);
            case "verify" -> handling.verify(id, Boolean.TRUE.equals(f.passed()), f.note(), v);
            case "follow-up" -> handling.followUp(id, f.resolved(), f.satisfaction(), f.note(), v);
            case "supervise" -> supervision.supervise(id, f.note());
            case "whistle" -> whistles.blow(id, f.units(this::unitId), f.reason());
            case "report" -> whistles.report(required(f.summons(), "summons"), f.note());
            case "rate" -> whistles.rate(required(f.summons(), "summons"), f.rating());
            default -> throw DomainException.badRequest("未知操作 / unknown action: " + f.action());
        }
    }

    /** The dispatcher's queue of requests to decide (退单、延期、挂账), as a filter of the board. */
    /** A failed check and an unresolved follow-up are said as such, with what happens next, not as a plain "done". */
    private static String outcome(ActionForm f) {
        if ("verify".equals(f.action()) && !Boolean.TRUE.equals(f.passed())) return ".failed";
        if ("follow-up".equals(f.action()) && Boolean.FALSE.equals(f.resolved())) return ".unresolved";
        return "";
    }

    /** A place typed into a field: a grid's code, or a division by name (the list offers them) or code. */
    private String placeCode(String typed) {
        String place = blank(typed);
        return place == null || grids.exists(place) ? place : territory.resolve(place).code();
    }

    /** A unit typed into a field: by name (the list offers them), or by number. */
    private Long unitId(String typed) {
        return units.resolve(typed).getId();
    }

    /** Units to pick from by name: the place's district and street, and the city's departments. */
    private java.util.List<org.hemei.organization.Units.UnitRow> unitOptions(String place) {
        java.util.List<org.hemei.organization.Units.UnitRow> options = new java.util.ArrayList<>(
                units.search(null, org.hemei.organization.UnitKind.DEPARTMENT, org.hemei.identity.Scope.CITY.substring(0, 6), 0, 200)
                        .items().stream().filter(u -> u.divisionCode().equals(org.hemei.identity.Scope.CITY)).toList());
        if (place != null && place.length() >= 6) {
            options.addAll(units.search(null, org.hemei.organization.UnitKind.DEPARTMENT, place.substring(0, 6), 0, 200).items());
        }
        if (place != null && place.length() >= 9) {
            options.addAll(units.search(null, null, place.substring(0, 9), 0, 200).items().stream()
                    .filter(u -> place.startsWith(u.divisionCode())).toList());
        }
        return options;
    }

    /** The order to merge into, by the number people see (12345-20261203-000001) or by its id. */
    private long mergeTarget(String into) {
        String target = required(blank(into), "并入工单编号 / the order to merge into");
        if (target.length() <= 18 && target.chars().allMatch(Character::isDigit)) return Long.parseLong(target);
        try {
            return orders.byNumber(target).id();
        } catch (org.springframework.security.access.AccessDeniedException e) {
            throw DomainException.notFound("工单不存在 / no work order " + target); // one outside the scope is not shown to exist
        }
    }

    private static <T> T required(T value, String name) {
        if (value == null) throw DomainException.badRequest("缺少 " + name + " / " + name + " is required");
        return value;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

}

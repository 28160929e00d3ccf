package org.hemei.casework.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Set;
import org.hemei.casework.Whistles;
import org.hemei.casework.Notifications;
import org.hemei.casework.Supervision;
import org.hemei.identity.SignedIn;
import org.hemei.identity.Staff;
import org.hemei.shared.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "casework", description = "12345 + 网格工单 / hotline and grid work orders")
@RestController
class OversightApi {
    // Notifications, supervision 督办 and whistles 吹哨报到: the ways an order is pressed forward.

    record SuperviseRequest(String note) {
    }

    record WhistleRequest(Set<Long> unitIds, String reason) {
    }

    record ReportRequest(String note) {
    }

    record RateRequest(Whistles.Rating rating) {
    }

    private final Notifications notifications;
    private final Supervision supervision;
    private final Whistles whistles;

    OversightApi(Notifications notifications, Supervision supervision, Whistles whistles) {
        this.notifications = notifications;
        this.supervision = supervision;
        this.whistles = whistles;
    }

    @Staff
    @Operation(summary = "吹哨: the street or community of the place summons departments, who must report in time")
    @PostMapping("/api/casework/orders/{id}/whistle")
    @ResponseStatus(HttpStatus.CREATED)
    Whistles.WhistleView whistle(@PathVariable long id, @RequestBody WhistleRequest request) {
        return whistles.blow(id, request.unitIds(), request.reason());
    }

    @SignedIn
    @GetMapping("/api/casework/orders/{id}/whistles")
    List<Whistles.WhistleView> whistles(@PathVariable long id) {
        return whistles.whistles(id);
    }

    @Staff
    @Operation(summary = "报到: the summoned department acknowledges and says what it does")
    @PostMapping("/api/casework/whistle-summons/{id}/report")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void report(@PathVariable long id, @RequestBody ReportRequest request) {
        whistles.report(id, request.note());
    }

    @Staff
    @Operation(summary = "The unit that blew the whistle rates a department's response (GOOD, FAIR, POOR)")
    @PostMapping("/api/casework/whistle-summons/{id}/rating")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void rate(@PathVariable long id, @RequestBody RateRequest request) {
        whistles.rate(id, request.rating());
    }

    @SignedIn
    @Operation(summary = "My notifications: my units', my own, and as a leader those over my territory")
    @GetMapping("/api/casework/notifications")
    Paging<Notifications.Notice> mine(@RequestParam(required = false) Boolean unread, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return notifications.mine(Boolean.TRUE.equals(unread), Paging.page(page), Paging.size(size));
    }

    @SignedIn
    @PostMapping("/api/casework/notifications/{id}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void read(@PathVariable long id) {
        notifications.markRead(id);
    }

    @Staff
    @Operation(summary = "督办: press an open order on its lead unit (12345 centre and leaders)")
    @PostMapping("/api/casework/orders/{id}/supervise")
    List<Supervision.Record> supervise(@PathVariable long id, @RequestBody SuperviseRequest request) {
        supervision.supervise(id, request.note());
        return supervision.of(id);
    }

    @SignedIn
    @GetMapping("/api/casework/orders/{id}/supervision")
    List<Supervision.Record> records(@PathVariable long id) {
        return supervision.of(id);
    }
}

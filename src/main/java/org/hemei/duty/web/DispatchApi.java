package org.hemei.duty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.hemei.duty.DispatchCatalogue;
import org.hemei.duty.DispatchDecisions;
import org.hemei.duty.DispatchRule;
import org.hemei.identity.Staff;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "dispatch catalogue", description = "派单目录：类别 + 区域 → 主办、协办单位 / which unit leads which category where")
@RestController
class DispatchApi {

    private final DispatchCatalogue catalogue;
    private final DispatchDecisions decisions;

    DispatchApi(DispatchCatalogue catalogue, DispatchDecisions decisions) {
        this.catalogue = catalogue;
        this.decisions = decisions;
    }

    @Staff
    @Operation(summary = "Rules by category (status: current | future | ended | all; territory: a node code; seeded), paged")
    @GetMapping("/api/duty/dispatch-rules")
    Paging<DispatchRule> list(@RequestParam(required = false) String category, @RequestParam(required = false) String status,
            @RequestParam(required = false) String territory, @RequestParam(required = false) Boolean seeded,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return catalogue.list(category, status, territory, seeded, Paging.page(page), Paging.size(size));
    }

    @Staff
    @GetMapping("/api/duty/dispatch-rules/{id}")
    DispatchRule get(@PathVariable long id) {
        return catalogue.get(id);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "Add a rule (12345 centre: administrators and city-wide dispatchers). A community as lead of"
            + " department work is refused with 422 and the reason.")
    @PostMapping("/api/duty/dispatch-rules")
    @ResponseStatus(HttpStatus.CREATED)
    DispatchRule create(@RequestBody DispatchCatalogue.RuleForm form) {
        return catalogue.create(form);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "Change a rule: send the version you read (409 when someone changed it first)")
    @PutMapping("/api/duty/dispatch-rules/{id}")
    DispatchRule update(@PathVariable long id, @RequestBody DispatchCatalogue.RuleForm form) {
        return catalogue.update(id, form);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "End a rule (kept as history): lastDay in force (default yesterday), reason, version")
    @PostMapping("/api/duty/dispatch-rules/{id}/end")
    DispatchRule end(@PathVariable long id, @RequestBody DispatchCatalogue.EndForm form) {
        return catalogue.end(id, form);
    }

    @Staff
    @Operation(summary = "Who would lead an order of this category at this place on this day (default today), by which"
            + " rule, and why every other candidate rule lost; urgency and channel optional")
    @GetMapping("/api/duty/dispatch-rules/explain")
    DispatchDecisions.Explanation explain(@RequestParam(required = false) String category,
            @RequestParam(required = false) String place, @RequestParam(required = false) String on,
            @RequestParam(required = false) String urgency, @RequestParam(required = false) String channel) {
        if (category == null || category.isBlank() || place == null || place.isBlank()) {
            throw DomainException.badRequest("请提供类别 category 和地点 place（区划或网格代码）/ category and place are required");
        }
        return decisions.explain(category, place, date(on), urgency, channel);
    }

    @Staff
    @Operation(summary = "The catalogue's findings on a day (default today): NO_RULE (falls back to the street),"
            + " MISSING_UNIT, AMBIGUOUS_TIE")
    @GetMapping("/api/duty/dispatch-rules/check")
    List<DispatchDecisions.Finding> check(@RequestParam(required = false) String on) {
        return decisions.check(date(on));
    }

    static LocalDate date(String on) {
        if (on == null || on.isBlank()) return null;
        try {
            return LocalDate.parse(on.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest("日期格式应为 yyyy-mm-dd / on must be a date yyyy-mm-dd: " + on);
        }
    }
}

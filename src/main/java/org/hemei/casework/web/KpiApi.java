package org.hemei.casework.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.hemei.casework.Measures;
import org.hemei.casework.Measures.Kpis;
import org.hemei.shared.DomainException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The measures 考核指标 of units and territories, per day (definitions: docs/kpis.md). */
@Tag(name = "casework", description = "12345 + 网格工单 / hotline and grid work orders")
@RestController
@RequestMapping("/api/casework")
class KpiApi {

    private final Measures measures;

    KpiApi(Measures measures) {
        this.measures = measures;
    }

    /** Parameters are bound as text and checked inside, so a caller in the wrong role gets 403, never 400. */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER','UNIT_STAFF')")
    @Operation(summary = "Per-day measures of a unit (unit=id) or a territory (division=code), or of the caller's whole scope;"
            + " from/to are inclusive dates yyyy-MM-dd in Asia/Shanghai (default: the last 30 days; at most 366)")
    @GetMapping("/kpis")
    Kpis kpis(@RequestParam(required = false) String unit, @RequestParam(required = false) String division,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return measures.kpis(unitId(unit), division, from, to);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER','UNIT_STAFF')")
    @Operation(summary = "The range's measures of each district of the city (no division), street of a district or community of a"
            + " street (division=code), side by side in code order; from/to as for /kpis")
    @GetMapping("/kpis/breakdown")
    java.util.List<Measures.Place> breakdown(@RequestParam(required = false) String division, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to) {
        return measures.breakdown(division == null || division.isBlank() ? null : division, from, to);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER','UNIT_STAFF')")
    @Operation(summary = "民生热点: the ten categories most received over the range (subject and dates as for /kpis), each with the"
            + " count over as many days just before")
    @GetMapping("/kpis/hot")
    java.util.List<Measures.HotIssue> hot(@RequestParam(required = false) String unit, @RequestParam(required = false) String division,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        return measures.hotIssues(unitId(unit), division, from, to);
    }

    static Long unitId(String unit) {
        if (unit == null || unit.isBlank()) return null;
        try {
            return Long.valueOf(unit.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("unit 应为单位编号 / unit must be a unit id, not " + unit);
        }
    }
}

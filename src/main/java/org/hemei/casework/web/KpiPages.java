package org.hemei.casework.web;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hemei.casework.Measures;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.hemei.territory.Territory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The measures as a page: a unit's or a territory's figures for a range, with the total first; for a territory, its
 * districts, streets or communities beside each other, ranked by the measure chosen.
 */
@Controller
class KpiPages {

    private final Measures measures;
    private final Units units;
    private final Territory territory;

    KpiPages(Measures measures, Units units, Territory territory) {
        this.measures = measures;
        this.units = units;
        this.territory = territory;
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER','UNIT_STAFF')")
    @GetMapping("/casework/kpis")
    String kpis(@RequestParam(required = false) String unit, @RequestParam(required = false) String division,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String by, Model model) {
        model.addAttribute("unit", unit);
        model.addAttribute("division", division);
        try {
            // people type names here (or pick them, which puts the number or code): both are taken
            Long unitId = unit == null || unit.isBlank() ? null : units.resolve(unit).getId();
            String code = division == null || division.isBlank() ? null : territory.resolve(division).code();
            Measures.Kpis kpis = measures.kpis(unitId, code, from, to);
            model.addAttribute("kpis", kpis);
            model.addAttribute("hot", measures.hotIssues(unitId, code, kpis.from().toString(), kpis.to().toString()));
            List<Measures.Row> newestFirst = new ArrayList<>(kpis.days());
            Collections.reverse(newestFirst);
            model.addAttribute("daysNewestFirst", newestFirst);
            model.addAttribute("from", kpis.from());
            model.addAttribute("to", kpis.to());
            String place = kpis.subject().divisionCode();
            if (place != null) {
                String rank = by != null && RANKS.containsKey(by) ? by : "handledOnTimeRate";
                model.addAttribute("by", rank);
                model.addAttribute("places", ranked(measures.breakdown(place, kpis.from().toString(), kpis.to().toString()), rank));
            }
        } catch (DomainException e) { // bad input: say so on the page; out of scope stays 403
            model.addAttribute("problem", e.getMessage());
            model.addAttribute("from", from);
            model.addAttribute("to", to);
        }
        return "casework/kpis";
    }

    /** What the places may be ranked by: the volume, or a rate (higher first, the unmeasured last). */
    static final java.util.Map<String, java.util.function.Function<Measures.Row, Double>> RANKS = java.util.Map.of(
            "received", r -> (double) r.received(), "handledOnTimeRate", Measures.Row::handledOnTimeRate,
            "signedOnTimeRate", Measures.Row::signedOnTimeRate, "resolutionRate", Measures.Row::resolutionRate,
            "satisfactionRate", Measures.Row::satisfactionRate);

    private static List<Measures.Place> ranked(List<Measures.Place> places, String by) {
        var measure = RANKS.get(by);
        return places.stream().sorted(java.util.Comparator.comparing((Measures.Place p) -> measure.apply(p.total()),
                java.util.Comparator.nullsLast(java.util.Comparator.reverseOrder()))).toList();
    }
}

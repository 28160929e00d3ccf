package org.hemei.duty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.hemei.duty.PropertyEvaluations;
import org.hemei.duty.PropertyEvaluations.EvaluationView;
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

@Tag(name = "duty", description = "社区准入清单、减负清单 / community access list and burden reduction")
@RestController
class PropertyEvaluationApi {

    record VersionRequest(Integer version) {
    }

    private final PropertyEvaluations evaluations;

    PropertyEvaluationApi(PropertyEvaluations evaluations) {
        this.evaluations = evaluations;
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @Operation(summary = "物业服务企业评价: a department drafts an evaluation of a property company in its territory"
            + " (period, score 0–100 and/or grade EXCELLENT|GOOD|PASS|FAIL, findings). Department staff only.")
    @PostMapping("/api/duty/property-evaluations")
    @ResponseStatus(HttpStatus.CREATED)
    EvaluationView create(@RequestBody PropertyEvaluations.EvaluationForm form) {
        return evaluations.create(form);
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF','PARTY_STAFF')")
    @Operation(summary = "Evaluations the caller may see: its departments' and its territory's (a street its own);"
            + " awaiting=true: those waiting for the street's opinion")
    @GetMapping("/api/duty/property-evaluations")
    Paging<EvaluationView> list(@RequestParam(required = false) String status, @RequestParam(required = false) boolean awaiting,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return evaluations.list(status, awaiting, Paging.page(page), Paging.size(size));
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF','PARTY_STAFF')")
    @GetMapping("/api/duty/property-evaluations/{id}")
    EvaluationView get(@PathVariable long id) {
        return evaluations.get(id);
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @Operation(summary = "Change a draft (version required; 409 if someone changed it first)")
    @PutMapping("/api/duty/property-evaluations/{id}")
    EvaluationView update(@PathVariable long id, @RequestBody PropertyEvaluations.EvaluationForm form) {
        return evaluations.update(id, form);
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @Operation(summary = "Submit to the street for its Party working committee's opinion; the street is notified")
    @PostMapping("/api/duty/property-evaluations/{id}/submit")
    EvaluationView submit(@PathVariable long id, @RequestBody VersionRequest request) {
        return evaluations.submit(id, request.version());
    }

    @PreAuthorize("hasAnyRole('UNIT_STAFF','PARTY_STAFF')")
    @Operation(summary = "街道话语权: the street Party working committee's opinion (AGREE | DISAGREE, text) — its Party staff"
            + " or the street office's staff")
    @PostMapping("/api/duty/property-evaluations/{id}/opinion")
    EvaluationView opine(@PathVariable long id, @RequestBody PropertyEvaluations.OpinionForm form) {
        return evaluations.opine(id, form);
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @Operation(summary = "Finalize: 422 until the street's opinion is attached; when the street disagreed, response is required")
    @PostMapping("/api/duty/property-evaluations/{id}/finalize")
    EvaluationView finalizeEvaluation(@PathVariable long id, @RequestBody PropertyEvaluations.FinalizeForm form) {
        return evaluations.finalizeEvaluation(id, form);
    }
}

package org.hemei.duty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.hemei.duty.AccessItem;
import org.hemei.duty.AccessKind;
import org.hemei.duty.AccessList;
import org.hemei.duty.CommunityTasks;
import org.hemei.identity.SignedIn;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.hemei.shared.DomainException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "duty", description = "社区准入清单、减负清单 / community access list and burden reduction")
@RestController
class DutyApi {

    private final AccessList accessList;
    private final CommunityTasks tasks;

    DutyApi(AccessList accessList, CommunityTasks tasks) {
        this.accessList = accessList;
        this.tasks = tasks;
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @Operation(summary = "准入关口: a department sends a task to communities — 201 delivered (on the access list, or an"
            + " emergency: recorded and reported), or 422 with the rule and how to apply. Department staff only.")
    @PostMapping("/api/duty/community-tasks")
    @ResponseStatus(HttpStatus.CREATED)
    CommunityTasks.TaskView send(@RequestBody CommunityTasks.SendForm form) {
        return tasks.send(form);
    }

    @SignedIn
    @Operation(summary = "The access list, burden-reduction list and forbidden certificates (kind, batch optional)")
    @GetMapping("/api/duty/access-items")
    List<AccessItem> accessItems(@RequestParam(required = false) String kind, @RequestParam(required = false) String batch) {
        return accessList.items(kind(kind), batch(batch));
    }

    static AccessKind kind(String kind) {
        if (kind == null || kind.isBlank()) return null;
        try {
            return AccessKind.valueOf(kind.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("kind 须为 LEGAL_DUTY、ASSISTANCE、REMOVED_BURDEN 或 FORBIDDEN_CERTIFICATE"
                    + " / kind must be LEGAL_DUTY, ASSISTANCE, REMOVED_BURDEN or FORBIDDEN_CERTIFICATE: " + kind);
        }
    }

    static Integer batch(String batch) {
        if (batch == null || batch.isBlank()) return null;
        try {
            return Integer.valueOf(batch.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("batch 须为批次编号 / batch must be a batch number: " + batch);
        }
    }
}

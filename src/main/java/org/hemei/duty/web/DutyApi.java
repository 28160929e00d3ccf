package org.hemei.duty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.hemei.duty.AccessItem;
import org.hemei.duty.AccessKind;
import org.hemei.duty.AccessList;
import org.hemei.duty.AccessApplications;
import org.hemei.shared.Paging;
import org.hemei.duty.CheckInApps;
import org.hemei.duty.CommunityTasks;
import org.hemei.identity.Staff;
import org.hemei.identity.AdminOnly;
import org.springframework.web.bind.annotation.PathVariable;
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
    private final AccessApplications applications;

    record DecisionRequest(Boolean approve, String reason) {
    }

    record RevokeRequest(String reason) {
    }

    record FlagRequest(String reason) {
    }

    record RemoveRequest(String reason) {
    }

    private final CheckInApps checkInApps;

    DutyApi(AccessList accessList, CommunityTasks tasks, AccessApplications applications, CheckInApps checkInApps) {
        this.accessList = accessList;
        this.tasks = tasks;
        this.applications = applications;
        this.checkInApps = checkInApps;
    }

    @Staff
    @Operation(summary = "打卡: the apps and platforms communities must report to (removed=false), or those removed (removed=true)")
    @GetMapping("/api/duty/check-in-apps")
    List<CheckInApps.CheckInApp> checkInApps(@RequestParam(required = false) String removed) {
        if (removed == null || removed.isBlank()) return checkInApps.list(null);
        if (!removed.equalsIgnoreCase("true") && !removed.equalsIgnoreCase("false")) {
            throw DomainException.badRequest("removed 须为 true 或 false / removed must be true or false: " + removed);
        }
        return checkInApps.list(Boolean.valueOf(removed.strip()));
    }

    @AdminOnly
    @PostMapping("/api/duty/check-in-apps")
    @ResponseStatus(HttpStatus.CREATED)
    CheckInApps.CheckInApp registerCheckInApp(@RequestBody CheckInApps.AppForm form) {
        return checkInApps.register(form);
    }

    @AdminOnly
    @Operation(summary = "Communities no longer report to this app: kept in the registry, marked removed, with the reason")
    @PostMapping("/api/duty/check-in-apps/{id}/remove")
    CheckInApps.CheckInApp removeCheckInApp(@PathVariable long id, @RequestBody RemoveRequest request) {
        return checkInApps.remove(id, request.reason());
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF')")
    @Operation(summary = "Deliveries to communities in my territory and those my units sent, newest first (at most 200)")
    @GetMapping("/api/duty/community-tasks")
    List<CommunityTasks.DeliveryRow> deliveries() {
        return tasks.deliveries();
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @Operation(summary = "The receiving community flags a delivered task (a delivery id) as an unlisted burden, with a reason")
    @PostMapping("/api/duty/community-tasks/{id}/flag")
    @ResponseStatus(HttpStatus.CREATED)
    CommunityTasks.Flag flag(@PathVariable long id, @RequestBody FlagRequest request) {
        return tasks.flag(id, request.reason());
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER')")
    @Operation(summary = "Per department: tasks sent, delivered, refused, emergencies, access applications, burden flags")
    @GetMapping("/api/duty/report")
    List<CommunityTasks.DepartmentReport> report() {
        return tasks.report();
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @Operation(summary = "准入申请: a department applies for a task not on the access list, at least 30 working days before"
            + " startDate; reviewed within 15 working days. Department staff only.")
    @PostMapping("/api/duty/access-applications")
    @ResponseStatus(HttpStatus.CREATED)
    AccessApplications.ApplicationView apply(@RequestBody AccessApplications.ApplyForm form) {
        return applications.apply(form);
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF')")
    @Operation(summary = "Access applications, paged (status: one status or DECIDED; PENDING oldest first, the rest newest first): all for administrators and leaders, one's own department's for its staff")
    @GetMapping("/api/duty/access-applications")
    Paging<AccessApplications.ApplicationView> applications(@RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return applications.list(status, Paging.page(page), Paging.size(size));
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF')")
    @GetMapping("/api/duty/access-applications/{id}")
    AccessApplications.ApplicationView application(@PathVariable long id) {
        return applications.get(id);
    }

    @AdminOnly
    @Operation(summary = "Review: approve (listed as an assistance item SQ-<id>) or refuse with a reason")
    @PostMapping("/api/duty/access-applications/{id}/decision")
    AccessApplications.ApplicationView decide(@PathVariable long id, @RequestBody DecisionRequest request) {
        return applications.decide(id, request.approve(), request.reason());
    }

    @AdminOnly
    @Operation(summary = "Revoke a listed item: tasks on it are refused from now on")
    @PostMapping("/api/duty/access-applications/{id}/revoke")
    AccessApplications.ApplicationView revoke(@PathVariable long id, @RequestBody RevokeRequest request) {
        return applications.revoke(id, request.reason());
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

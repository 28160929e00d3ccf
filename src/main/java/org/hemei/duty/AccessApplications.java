package org.hemei.duty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.organization.Unit;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.hemei.shared.Paging;
import org.hemei.shared.Words;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 准入申请: a department applies for a task not on the access list, at least 30 working days before it would start;
 * an administrator reviews it within 15 working days — listed (a new assistance item, code {@code SQ-<id>}) or
 * refused — and may later revoke a listed item.
 */
@Service
public class AccessApplications {

    public record ApplyForm(String title, String basis, LocalDate startDate) {
    }

    public record ApplicationView(long id, long departmentUnitId, String departmentName, String title, String basis,
            LocalDate startDate, OffsetDateTime submittedAt, String submittedBy, LocalDate reviewDue, boolean reviewOverdue,
            String status, OffsetDateTime decidedAt, String decidedBy, String decisionReason, String accessItemCode) {
    }

    /** Why an application cannot be made: the rule and the earliest start date allowed today. */
    public record TooLate(String rule, String reason, LocalDate earliestStartDate) {
    }

    private final JdbcClient jdbc;
    private final AccessList accessList;
    private final CommunityTasks tasks;
    private final SendingDepartment departments;
    private final org.hemei.casework.Calendars calendars;
    private final AuditLog audit;
    private final DutyNotices notices;
    private final Clock clock;

    AccessApplications(JdbcClient jdbc, AccessList accessList, CommunityTasks tasks, SendingDepartment departments,
            org.hemei.casework.Calendars calendars, AuditLog audit, DutyNotices notices, Clock clock) {
        this.jdbc = jdbc;
        this.accessList = accessList;
        this.tasks = tasks;
        this.departments = departments;
        this.calendars = calendars;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    @Transactional
    public ApplicationView apply(ApplyForm form) {
        Unit department = departments.current();
        if (form.title() == null || form.title().isBlank() || form.title().strip().length() > 200) {
            throw DomainException.badRequest("请填写任务名称（不超过200字）/ title is required (at most 200 characters)");
        }
        if (form.basis() == null || form.basis().isBlank() || form.basis().strip().length() > 1000) {
            throw DomainException.badRequest("请填写依据和理由（不超过1000字）/ basis is required (at most 1000 characters)");
        }
        if (form.startDate() == null) {
            throw DomainException.badRequest("请填写任务开始日期 / startDate is required (yyyy-mm-dd)");
        }
        LocalDate earliest = tasks.earliestApplicationStart();
        if (form.startDate().isBefore(earliest)) {
            throw DomainException.unprocessable("准入申请须至少提前" + CommunityTasks.APPLY_AHEAD_WORKING_DAYS
                    + "个工作日提出，开始日期不早于 " + earliest + " / an access application must be made at least "
                    + CommunityTasks.APPLY_AHEAD_WORKING_DAYS + " working days ahead: startDate on or after " + earliest,
                    List.of(new TooLate("APPLY_AHEAD", "开始日期 " + form.startDate() + " 距今不足"
                            + CommunityTasks.APPLY_AHEAD_WORKING_DAYS + "个工作日", earliest)));
        }
        LocalDate today = tasks.today();
        LocalDate reviewDue = calendars.current().plusWorkingDays(today, CommunityTasks.REVIEW_WORKING_DAYS);
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into access_application(department_unit_id, title, basis, start_date, submitted_at, submitted_by,
                  review_due, status) values (?, ?, ?, ?, ?, ?, ?, 'PENDING')""")
                .params(department.getId(), form.title().strip(), form.basis().strip(), form.startDate(),
                        OffsetDateTime.now(clock), Actor.current().username(), reviewDue)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("ACCESS_APPLIED", "access-application:" + id, form.title().strip());
        notices.toReviewers(department.getName() + " 提交准入申请「" + form.title().strip() + "」，请于 " + reviewDue + " 前审核"
                + " / access application #" + id + " to review by " + reviewDue);
        return get(id);
    }

    /** An administrator's decision: approve → listed as an assistance item; refuse → a reason is required. */
    @Transactional
    public ApplicationView decide(long id, Boolean approve, String reason) {
        if (approve == null) throw DomainException.badRequest("请选择通过或不通过 / approve is required (true or false)");
        ApplicationView a = get(id);
        if (!approve && (reason == null || reason.isBlank())) {
            throw DomainException.badRequest("不予准入须说明理由 / reason is required when refusing");
        }
        Limits.atMost(reason == null ? null : reason.strip(), 1000, "理由 reason");
        if (!a.status().equals("PENDING")) {
            throw DomainException.conflict("申请已处理（" + Words.chinese(statusKey(a)) + "）/ the application was already decided: "
                    + Words.english(statusKey(a)));
        }
        String code = approve ? "SQ-" + id : null;
        transition(a, approve ? "LISTED" : "REFUSED", reason, code);
        if (approve) {
            // the item's basis (500) is shorter than an application's (1000): its head, and where the whole is
            String listed = "（准入申请 #" + id + " 审核通过 / listed after access application #" + id + "）";
            accessList.add(new AccessItem(code, a.title(), AccessKind.ASSISTANCE, null,
                    Limits.clip(a.basis(), 500 - listed.length()) + listed, true, "APPLICATION"));
        }
        audit.record(approve ? "ACCESS_LISTED" : "ACCESS_REFUSED", "access-application:" + id, approve ? code : reason);
        notices.toUnit(a.departmentUnitId(), DutyNotices.DECISION, DutyNotices.APPLICATIONS_PAGE, "准入申请「" + a.title() + "」" + (approve
                ? "已准入，事项编码 " + code + " / listed as " + code : "不予准入：" + reason.strip() + " / refused: " + reason.strip()));
        return get(id);
    }

    private static String statusKey(ApplicationView a) {
        return "duty.applications.status." + a.status();
    }

    /** Takes a listed item off the access list again; tasks on it are refused from now on. */
    @Transactional
    public ApplicationView revoke(long id, String reason) {
        if (reason == null || reason.isBlank()) throw DomainException.badRequest("请说明撤销理由 / reason is required");
        Limits.atMost(reason.strip(), 1000, "理由 reason");
        ApplicationView a = get(id);
        if (!a.status().equals("LISTED")) {
            throw DomainException.conflict("只能撤销已准入的事项（当前：" + Words.chinese(statusKey(a)) + "）/ only a listed item can be revoked"
                    + " (status: " + Words.english(statusKey(a)) + ")");
        }
        transition(a, "REVOKED", reason, a.accessItemCode());
        accessList.deactivate(a.accessItemCode());
        audit.record("ACCESS_REVOKED", "access-application:" + id, a.accessItemCode() + " " + reason);
        return get(id);
    }

    public ApplicationView get(long id) {
        ApplicationView a = find(" where id = :id", Map.of("id", id)).stream().findFirst()
                .orElseThrow(() -> DomainException.notFound("准入申请不存在 / no access application " + id));
        requireReader(a.departmentUnitId());
        return a;
    }

    /**
     * Administrators and leaders see every application, department staff their department's; newest first, a page at
     * a time. {@code status} is one status, or DECIDED for every status but PENDING.
     */
    public Paging<ApplicationView> list(String status, int page, int size) {
        Actor actor = Actor.current();
        String where = " where 1 = 1";
        Map<String, Object> params = new java.util.HashMap<>();
        if (!actor.isAdmin() && !actor.has(Role.LEADER)) {
            where += " and department_unit_id = :unit";
            params.put("unit", departments.current().getId());
        }
        String s = status == null ? "" : status.strip().toUpperCase(java.util.Locale.ROOT);
        if (s.equals("DECIDED")) {
            where += " and status <> 'PENDING'";
        } else if (!s.isEmpty()) {
            where += " and status = :status";
            params.put("status", s);
        }
        long total = jdbc.sql("select count(*) from access_application" + where).params(params).query(Long.class).single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        // pending: the oldest first, whose review is due soonest; decided: the latest first
        String order = s.equals("PENDING") ? " order by id" : " order by id desc";
        return new Paging<>(find(where + order + " limit :size offset :offset", params), page, size, total);
    }

    private void requireReader(long departmentUnitId) {
        Actor actor = Actor.current();
        if (actor.isAdmin() || actor.has(Role.LEADER)) return;
        if (departments.current().getId() != departmentUnitId) {
            throw new AccessDeniedException("another department's application");
        }
    }

    private void transition(ApplicationView a, String status, String reason, String code) {
        int n = jdbc.sql("""
                update access_application set status = ?, decided_at = ?, decided_by = ?, decision_reason = ?,
                  access_item_code = ?, version = version + 1 where id = ? and status = ?""")
                .params(status, OffsetDateTime.now(clock), Actor.current().username(), reason == null ? null : reason.strip(),
                        code, a.id(), a.status())
                .update();
        if (n != 1) throw DomainException.conflict(DomainException.STALE);
    }

    private List<ApplicationView> find(String where, Map<String, Object> params) {
        LocalDate today = tasks.today();
        return jdbc.sql("""
                select id, department_unit_id, title, basis, start_date, submitted_at, submitted_by, review_due, status,
                  decided_at, decided_by, decision_reason, access_item_code from access_application""" + where)
                .params(params)
                .query((rs, i) -> {
                    LocalDate due = rs.getObject(8, LocalDate.class);
                    String status = rs.getString(9);
                    return new ApplicationView(rs.getLong(1), rs.getLong(2), departments.name(rs.getLong(2)), rs.getString(3),
                            rs.getString(4), rs.getObject(5, LocalDate.class), rs.getObject(6, OffsetDateTime.class),
                            rs.getString(7), due, status.equals("PENDING") && today.isAfter(due), status,
                            rs.getObject(10, OffsetDateTime.class), rs.getString(11), rs.getString(12), rs.getString(13));
                })
                .list();
    }
}

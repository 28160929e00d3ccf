package org.hemei.duty;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.hemei.casework.Calendars;
import org.hemei.casework.TimeLimit;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.organization.Unit;
import org.hemei.shared.DomainException;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The gate 准入关口: every task a department sends to communities passes here. On the access list (a legal duty or an
 * assistance item, active) it is delivered, one row per community; an emergency is delivered, exempt but recorded;
 * anything else is refused with the rule and how to apply — and the refusal is recorded too.
 */
@Service
public class CommunityTasks {

    /** Working days ahead an access application must be made, and within which it is reviewed. */
    public static final int APPLY_AHEAD_WORKING_DAYS = 30;
    public static final int REVIEW_WORKING_DAYS = 15;
    static final int MAX_COMMUNITIES = 2000;

    public record SendForm(String title, String accessItemCode, List<String> communityCodes, LocalDate dueDate, Boolean emergency) {
    }

    public record Delivery(long id, String communityCode, String communityName) {
    }

    public record TaskView(long id, String title, String outcome, String accessItemCode, String accessItemName,
            boolean emergency, LocalDate dueDate, long departmentUnitId, String departmentName, List<Delivery> deliveries) {
    }

    public record Flag(long id, long taskId, String communityCode, OffsetDateTime flaggedAt, String flaggedBy, String reason) {
    }

    /** Per department: tasks sent (each send counts once), delivered (emergencies included), refused, emergencies, access applications and deliveries flagged as unlisted burdens. */
    public record DepartmentReport(long departmentUnitId, String departmentName, long sent, long delivered, long refused,
            long emergency, long applied, long flagged) {
    }

    /** One delivery as its community (or the sending department) sees it. */
    public record DeliveryRow(long id, long taskId, String title, String departmentName, String accessItemCode, boolean emergency,
            LocalDate dueDate, String communityCode, String communityName, OffsetDateTime deliveredAt, boolean flagged,
            String flagReason) {
    }

    /** Why a task was refused: the rule, the reason in words, and how a department can go on. */
    public record Refusal(String rule, String reason, String howToApply) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AccessList accessList;
    private final SendingDepartment departments;
    private final Territory territory;
    private final Calendars calendars;
    private final AuditLog audit;
    private final DutyNotices notices;
    private final Clock clock;

    CommunityTasks(JdbcClient jdbc, TransactionTemplate tx, AccessList accessList, SendingDepartment departments,
            Territory territory, Calendars calendars, AuditLog audit, DutyNotices notices, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.accessList = accessList;
        this.departments = departments;
        this.territory = territory;
        this.calendars = calendars;
        this.audit = audit;
        this.notices = notices;
        this.clock = clock;
    }

    /** Sends a task: delivered (201) or refused (422 with the rule; the refusal is recorded). Not transactional on purpose. */
    public TaskView send(SendForm form) {
        Unit department = departments.current();
        List<String> communities = validate(form, department);
        boolean emergency = Boolean.TRUE.equals(form.emergency());
        String code = form.accessItemCode() == null || form.accessItemCode().isBlank() ? null : form.accessItemCode().strip();
        Optional<AccessItem> item = accessList.find(code);
        // Emergencies are exempt from the list — except certificates communities must not issue at all.
        boolean forbidden = item.map(AccessItem::kind).filter(k -> k == AccessKind.FORBIDDEN_CERTIFICATE).isPresent();
        Refusal refusal = emergency && !forbidden ? null : refusal(item, code);
        if (refusal != null) {
            long id = insertTask(form, department, code, "REFUSED", refusal, communities);
            audit.record("DUTY_TASK_REFUSED", "duty-task:" + id, refusal.rule() + " " + form.title().strip());
            throw DomainException.unprocessable("任务未送达社区：" + refusal.reason() + " / not delivered to communities: "
                    + switch (refusal.rule()) {
                        case "REMOVED_BURDEN" -> "the task is on the burden-reduction list";
                        case "FORBIDDEN_CERTIFICATE" -> "communities must not issue this certificate";
                        default -> "the task is not on the community access list";
                    }, List.of(refusal));
        }
        String outcome = emergency ? "EMERGENCY" : "DELIVERED";
        long id = tx.execute(status -> {
            long taskId = insertTask(form, department, item.map(AccessItem::code).orElse(code), outcome, null, communities);
            for (String community : communities) {
                jdbc.sql("insert into community_task(duty_task_id, community_code) values (?, ?)").params(taskId, community).update();
            }
            audit.record(emergency ? "DUTY_TASK_EMERGENCY" : "DUTY_TASK_DELIVERED", "duty-task:" + taskId,
                    communities.size() + " communities: " + form.title().strip());
            // Each receiving committee hears of it in its inbox, in the same transaction as the delivery.
            notices.toCommunities(communities, (emergency ? "应急任务" : "新任务") + "「" + form.title().strip() + "」来自"
                    + department.getName() + "，完成期限 " + form.dueDate() + " / a task from " + department.getName()
                    + ", due " + form.dueDate());
            return taskId;
        });
        return get(id);
    }

    public TaskView get(long id) {
        var row = jdbc.sql("select title, outcome, access_item_code, emergency, due_date, department_unit_id from duty_task where id = ?")
                .params(id).query((rs, i) -> new Object[] { rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getBoolean(4), rs.getObject(5, LocalDate.class), rs.getLong(6) })
                .optional().orElseThrow(() -> DomainException.notFound("任务不存在 / no task " + id));
        List<Delivery> deliveries = jdbc.sql("select id, community_code from community_task where duty_task_id = ? order by id")
                .params(id).query((rs, i) -> new Delivery(rs.getLong(1), rs.getString(2), divisionName(rs.getString(2)))).list();
        String code = (String) row[2];
        long departmentId = (Long) row[5];
        return new TaskView(id, (String) row[0], (String) row[1], code, accessList.find(code).map(AccessItem::name).orElse(null),
                (Boolean) row[3], (LocalDate) row[4], departmentId, departments.name(departmentId), deliveries);
    }

    /**
     * The receiving community flags a delivered task as an unlisted burden 未列入清单的负担. Its staff only (the
     * caller's scope covers the community); once per delivery.
     */
    public Flag flag(long deliveryId, String reason) {
        Actor actor = Actor.current();
        String community = jdbc.sql("select community_code from community_task where id = ?").params(deliveryId)
                .query(String.class).optional().orElseThrow(() -> DomainException.notFound("任务不存在 / no community task " + deliveryId));
        actor.requireScope(community);
        if (reason == null || reason.isBlank() || reason.strip().length() > 500) {
            throw DomainException.badRequest("请说明理由（不超过500字）/ reason is required (at most 500 characters)");
        }
        int n = jdbc.sql("""
                update community_task set flagged_at = ?, flagged_by = ?, flag_reason = ?, version = version + 1
                where id = ? and flagged_at is null""")
                .params(OffsetDateTime.now(clock), actor.username(), reason.strip(), deliveryId).update();
        if (n != 1) throw DomainException.conflict("该任务已被标记 / this task was already flagged");
        audit.record("DUTY_TASK_FLAGGED", "community-task:" + deliveryId, reason.strip());
        return jdbc.sql("select id, duty_task_id as task_id, community_code, flagged_at, flagged_by, flag_reason as reason from community_task where id = ?")
                .params(deliveryId).query(Flag.class).single();
    }

    /**
     * Deliveries the caller may see, newest first (at most 200): those to communities in the caller's territory and
     * those sent by the caller's units. A community's staff find here what to flag.
     */
    public List<DeliveryRow> deliveries() {
        return deliveries(0, 200).items();
    }

    /** The same, a page at a time (the tasks page). */
    public org.hemei.shared.Paging<DeliveryRow> deliveries(int page, int size) {
        Actor actor = Actor.current();
        List<String> ors = new ArrayList<>();
        java.util.Map<String, Object> params = new java.util.HashMap<>();
        int i = 0;
        for (String code : actor.scope().divisionCodes()) {
            ors.add("c.community_code like :p" + i);
            params.put("p" + i++, org.hemei.identity.Scope.prefix(code) + "%");
        }
        if (!actor.scope().unitIds().isEmpty()) {
            ors.add("t.department_unit_id in (:units)");
            params.put("units", List.copyOf(actor.scope().unitIds()));
        }
        if (ors.isEmpty()) return new org.hemei.shared.Paging<>(List.of(), page, size, 0);
        String from = " from community_task c join duty_task t on t.id = c.duty_task_id where " + String.join(" or ", ors);
        long total = jdbc.sql("select count(*)" + from).params(params).query(Long.class).single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<DeliveryRow> rows = jdbc.sql("""
                select c.id, t.id, t.title, t.department_unit_id, t.access_item_code, t.emergency, t.due_date, c.community_code,
                  t.created_at, c.flagged_at, c.flag_reason""" + from + " order by c.id desc limit :size offset :offset")
                .params(params)
                .query((rs, n) -> new DeliveryRow(rs.getLong(1), rs.getLong(2), rs.getString(3), departments.name(rs.getLong(4)),
                        rs.getString(5), rs.getBoolean(6), rs.getObject(7, LocalDate.class), rs.getString(8),
                        divisionName(rs.getString(8)), rs.getObject(9, OffsetDateTime.class), rs.getObject(10) != null,
                        rs.getString(11)))
                .list();
        return new org.hemei.shared.Paging<>(rows, page, size, total);
    }

    /** The report per department, over everything recorded. */
    public List<DepartmentReport> report() {
        java.util.Map<Long, long[]> counts = new java.util.TreeMap<>();
        jdbc.sql("""
                select department_unit_id, count(*),
                  sum(case when outcome <> 'REFUSED' then 1 else 0 end),
                  sum(case when outcome = 'REFUSED' then 1 else 0 end),
                  sum(case when outcome = 'EMERGENCY' then 1 else 0 end)
                from duty_task group by department_unit_id""")
                .query((rs, i) -> {
                    long[] c = counts.computeIfAbsent(rs.getLong(1), k -> new long[6]);
                    for (int k = 0; k < 4; k++) c[k] = rs.getLong(k + 2);
                    return null;
                }).list();
        jdbc.sql("select department_unit_id, count(*) from access_application group by department_unit_id")
                .query((rs, i) -> counts.computeIfAbsent(rs.getLong(1), k -> new long[6])[4] = rs.getLong(2)).list();
        jdbc.sql("""
                select t.department_unit_id, count(*) from community_task c join duty_task t on t.id = c.duty_task_id
                where c.flagged_at is not null group by t.department_unit_id""")
                .query((rs, i) -> counts.computeIfAbsent(rs.getLong(1), k -> new long[6])[5] = rs.getLong(2)).list();
        return counts.entrySet().stream().map(e -> {
            long[] c = e.getValue();
            return new DepartmentReport(e.getKey(), departments.name(e.getKey()), c[0], c[1], c[2], c[3], c[4], c[5]);
        }).toList();
    }

    /** The department the caller sends for, if the caller is department staff (pages offer the forms only then). */
    public Optional<Unit> sender() {
        try {
            return Optional.of(departments.current());
        } catch (org.springframework.security.access.AccessDeniedException e) {
            return Optional.empty();
        }
    }

    /** The earliest start date an access application made today may ask for. */
    public LocalDate earliestApplicationStart() {
        return calendars.current().plusWorkingDays(today(), APPLY_AHEAD_WORKING_DAYS);
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(TimeLimit.CHINA));
    }

    private Refusal refusal(Optional<AccessItem> found, String code) {
        // said the same way on the page and in the API: the page's 申请准入 button and POST /api/duty/access-applications both apply
        String apply = "如确需社区协助，请提交准入申请（事项名称、依据、开始日期）：至少提前"
                + APPLY_AHEAD_WORKING_DAYS + "个工作日申请（今日申请，开始日期不早于 " + earliestApplicationStart() + "），"
                + REVIEW_WORKING_DAYS + "个工作日内审核；突发事件可作为应急任务发送，将被记录并报告"
                + " / to have communities do this, apply for access (title, basis, start date) at least "
                + APPLY_AHEAD_WORKING_DAYS + " working days ahead (start on or after " + earliestApplicationStart()
                + "); reviewed within " + REVIEW_WORKING_DAYS + " working days. Emergencies may be sent as emergency tasks"
                + " (recorded and reported).";
        if (found.isEmpty()) {
            return new Refusal("NOT_LISTED", code == null ? "不在准入清单（未注明准入事项）"
                    : "不在准入清单（无此准入事项：" + code + "）", apply);
        }
        AccessItem item = found.get();
        return switch (item.kind()) {
            case REMOVED_BURDEN -> new Refusal("REMOVED_BURDEN", "已列入减负清单第" + item.batch() + "批：" + item.name(), apply);
            case FORBIDDEN_CERTIFICATE -> new Refusal("FORBIDDEN_CERTIFICATE", "社区不得出具：" + item.name(),
                    "该证明不得由社区出具，也不能申请准入；请由主管部门依法自行核实或通过部门间信息共享获取"
                            + " / communities must not issue this certificate and access cannot be applied for: verify it"
                            + " yourselves or through data sharing between departments.");
            case LEGAL_DUTY, ASSISTANCE -> item.active() ? null
                    : new Refusal("NOT_LISTED", "不在准入清单（准入事项已撤销：" + item.code() + " " + item.name() + "）", apply);
        };
    }

    private List<String> validate(SendForm form, Unit department) {
        if (form.title() == null || form.title().isBlank() || form.title().strip().length() > 200) {
            throw DomainException.badRequest("请填写任务名称（不超过200字）/ title is required (at most 200 characters)");
        }
        if (form.communityCodes() == null || form.communityCodes().isEmpty()) {
            throw DomainException.badRequest("请选择接收任务的社区 / communityCodes is required (at least one community)");
        }
        Set<String> codes = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String c : form.communityCodes()) {
            String code = c == null ? "" : c.strip();
            if (territory.find(code).filter(d -> d.level() == Level.COMMUNITY).isPresent()) codes.add(code);
            else unknown.add(code);
        }
        if (!unknown.isEmpty()) {
            throw DomainException.badRequest("communityCodes 含未知社区 / communityCodes has unknown communities: "
                    + String.join(", ", unknown.subList(0, Math.min(10, unknown.size()))));
        }
        // a district's department tasks its own district's communities; the city's, all of them
        String territory = org.hemei.identity.Scope.prefix(department.getDivisionCode());
        List<String> outside = codes.stream().filter(c -> !c.startsWith(territory)).toList();
        if (!outside.isEmpty()) {
            throw DomainException.badRequest("社区不在本部门辖区内 / communities outside your department's territory: "
                    + String.join(", ", outside.subList(0, Math.min(10, outside.size()))));
        }
        if (codes.size() > MAX_COMMUNITIES) {
            throw DomainException.badRequest("communityCodes 至多 " + MAX_COMMUNITIES + " 个 / at most " + MAX_COMMUNITIES + " communityCodes");
        }
        if (form.dueDate() == null) {
            throw DomainException.badRequest("请填写完成期限 / dueDate is required (yyyy-mm-dd)");
        }
        if (form.dueDate().isBefore(today())) {
            throw DomainException.badRequest("dueDate 不能早于今天 / dueDate must not lie in the past: " + form.dueDate());
        }
        if (form.accessItemCode() != null && form.accessItemCode().strip().length() > 20) {
            throw DomainException.badRequest("accessItemCode 过长 / accessItemCode is too long");
        }
        return List.copyOf(codes);
    }

    private long insertTask(SendForm form, Unit department, String code, String outcome, Refusal refusal, List<String> communities) {
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into duty_task(title, department_unit_id, access_item_code, due_date, emergency, outcome, rule, reason,
                  community_codes, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(form.title().strip(), department.getId(), code, form.dueDate(), Boolean.TRUE.equals(form.emergency()),
                        outcome, refusal == null ? null : refusal.rule(), refusal == null ? null : refusal.reason(),
                        String.join(",", communities), OffsetDateTime.now(clock), Actor.current().username())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    private String divisionName(String code) {
        return territory.find(code).map(Division::name).orElse(code);
    }
}

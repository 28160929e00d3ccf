package org.hemei.duty;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.shared.Words;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 物业服务企业评价 and the street's say 街道话语权: a department evaluates a property company working in a street
 * (draft → submitted); the street Party working committee attaches its opinion (agree / disagree, with its text);
 * only then may the department finalize it — and when the street disagreed, the department must answer the opinion.
 * The committee is acted for by the Party staff whose scope is the street and by the staff of the street's office
 * (街道党工委 and 办事处 share one leadership; both may record the opinion, which names who recorded it).
 */
@Service
public class PropertyEvaluations {

    public enum Grade { EXCELLENT, GOOD, PASS, FAIL }

    public enum Opinion { AGREE, DISAGREE }

    public record EvaluationForm(Long companyUnitId, String period, BigDecimal score, String grade, String findings, Integer version) {
    }

    public record OpinionForm(String opinion, String text, Integer version) {
    }

    public record FinalizeForm(String response, Integer version) {
    }

    public record EvaluationView(long id, long departmentUnitId, String departmentName, long companyUnitId, String companyName,
            String streetCode, String streetName, String committeeName, String period, BigDecimal score, String grade,
            String findings, String status, OffsetDateTime createdAt, String createdBy, OffsetDateTime submittedAt,
            String opinion, String opinionText, String opinionBy, OffsetDateTime opinionAt, String response,
            OffsetDateTime finalizedAt, String finalizedBy, int version) {
    }

    private static final String COLUMNS = """
            select id, department_unit_id, company_unit_id, street_code, period, score, grade, findings, status, created_at,
              created_by, submitted_at, opinion, opinion_text, opinion_by, opinion_at, response, finalized_at, finalized_by,
              version from property_evaluation""";

    private final JdbcClient jdbc;
    private final Units units;
    private final Territory territory;
    private final SendingDepartment departments;
    private final DutyNotices notices;
    private final AuditLog audit;
    private final Clock clock;

    PropertyEvaluations(JdbcClient jdbc, Units units, Territory territory, SendingDepartment departments, DutyNotices notices,
            AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.territory = territory;
        this.departments = departments;
        this.notices = notices;
        this.audit = audit;
        this.clock = clock;
    }

    /** A department's draft evaluation of a property company in its territory. */
    @Transactional
    public EvaluationView create(EvaluationForm form) {
        Unit department = departments.current();
        Unit company = validate(form);
        String street = streetOf(company);
        if (!new Scope(java.util.Set.of(department.getDivisionCode()), java.util.Set.of()).covers(street)) {
            throw DomainException.unprocessable("该物业服务企业不在本部门辖区内 / the company works outside your department's territory: "
                    + divisionName(street), null);
        }
        var keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into property_evaluation(department_unit_id, company_unit_id, street_code, period, score, grade, findings,
                  status, created_at, created_by) values (?, ?, ?, ?, ?, ?, ?, 'DRAFT', ?, ?)""")
                .params(department.getId(), company.getId(), street, form.period().strip(), form.score(), grade(form.grade()),
                        form.findings().strip(), OffsetDateTime.now(clock), Actor.current().username())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        audit.record("EVALUATION_CREATED", "property-evaluation:" + id, company.getName() + " " + form.period().strip());
        return get(id);
    }

    /** Changes a draft; once submitted, the street reads what was submitted. */
    @Transactional
    public EvaluationView update(long id, EvaluationForm form) {
        EvaluationView e = owned(id);
        Unit company = validate(form);
        requireStatus(e, "DRAFT", "只能修改草稿", "only a draft can be changed");
        String street = streetOf(company);
        int n = jdbc.sql("""
                update property_evaluation set company_unit_id = ?, street_code = ?, period = ?, score = ?, grade = ?,
                  findings = ?, version = version + 1 where id = ? and version = ? and status = 'DRAFT'""")
                .params(company.getId(), street, form.period().strip(), form.score(), grade(form.grade()), form.findings().strip(),
                        id, version(form.version()))
                .update();
        if (n != 1) throw DomainException.conflict(DomainException.STALE);
        audit.record("EVALUATION_CHANGED", "property-evaluation:" + id, form.period().strip());
        return get(id);
    }

    /** Sends the draft to the street for its Party working committee's opinion; the street hears of it. */
    @Transactional
    public EvaluationView submit(long id, Integer version) {
        EvaluationView e = owned(id);
        requireStatus(e, "DRAFT", "评价已提交", "the evaluation was already submitted");
        move(e, version, "update property_evaluation set status = 'SUBMITTED', submitted_at = ?, version = version + 1",
                OffsetDateTime.now(clock));
        audit.record("EVALUATION_SUBMITTED", "property-evaluation:" + id, e.companyName());
        notices.toStreet(e.streetCode(), DutyNotices.evaluationPage(id), e.departmentName() + " 对物业服务企业「" + e.companyName() + "」的评价（" + e.period()
                + "）待街道党工委提出意见 / an evaluation of a property company awaits the street's opinion (#" + id + ")");
        return get(id);
    }

    /** The street Party working committee's opinion: agree or disagree, with its reasons. */
    @Transactional
    public EvaluationView opine(long id, OpinionForm form) {
        EvaluationView e = get(id);
        requireStreetActor(e.streetCode());
        Opinion opinion = opinion(form.opinion());
        if (form.text() == null || form.text().isBlank() || form.text().strip().length() > 1000) {
            throw DomainException.badRequest("请填写意见内容（不超过1000字）/ text is required (at most 1000 characters)");
        }
        if (e.status().equals("DRAFT")) {
            throw DomainException.unprocessable("评价尚未提交，不能提出意见 / the evaluation has not been submitted yet", null);
        }
        requireStatus(e, "SUBMITTED", "街道党工委已提出意见", "the street has already given its opinion");
        move(e, form.version(), "update property_evaluation set status = 'OPINED', opinion = ?, opinion_text = ?, opinion_by = ?,"
                + " opinion_at = ?, version = version + 1", opinion.name(), form.text().strip(), Actor.current().username(),
                OffsetDateTime.now(clock));
        audit.record("EVALUATION_OPINION", "property-evaluation:" + id, opinion + " " + form.text().strip());
        String word = "duty.opinion." + opinion;
        notices.toUnit(e.departmentUnitId(), DutyNotices.EVALUATION, DutyNotices.evaluationPage(id), e.committeeName()
                + Words.chinese(word) + "对「" + e.companyName() + "」的评价，可以定稿 / the street's opinion on evaluation #" + id + ": "
                + Words.english(word) + " — it can be finalized");
        return get(id);
    }

    /**
     * Finalizes: refused (422) until the street's opinion is attached; when the street disagreed the department must
     * say how it dealt with the opinion — the say is heard, not a veto.
     */
    @Transactional
    public EvaluationView finalizeEvaluation(long id, FinalizeForm form) {
        EvaluationView e = owned(id);
        if (e.status().equals("DRAFT") || e.status().equals("SUBMITTED")) {
            throw DomainException.unprocessable("未附街道党工委意见，不能定稿：须先提交并征求" + e.committeeName() + "意见"
                    + " / cannot finalize without the street Party working committee's opinion: submit it and wait for the opinion",
                    List.of(new Refusal("NO_STREET_OPINION", e.committeeName(), e.status())));
        }
        requireStatus(e, "OPINED", "评价已定稿", "the evaluation is already final");
        String response = form.response() == null || form.response().isBlank() ? null : form.response().strip();
        if (e.opinion().equals(Opinion.DISAGREE.name()) && response == null) {
            throw DomainException.unprocessable("街道党工委不同意该评价，定稿须说明对其意见的处理 / the street disagreed:"
                    + " say how its opinion was dealt with (response)", List.of(new Refusal("STREET_DISAGREED", e.committeeName(), e.opinionText())));
        }
        if (response != null && response.length() > 1000) {
            throw DomainException.badRequest("response 不超过1000字 / response: at most 1000 characters");
        }
        move(e, form.version(), "update property_evaluation set status = 'FINALIZED', response = ?, finalized_at = ?,"
                + " finalized_by = ?, version = version + 1", response, OffsetDateTime.now(clock), Actor.current().username());
        audit.record("EVALUATION_FINALIZED", "property-evaluation:" + id, e.companyName());
        notices.toStreet(e.streetCode(), DutyNotices.evaluationPage(id), e.departmentName() + " 已定稿对「" + e.companyName()
                + "」的评价 / evaluation #" + id + " is final");
        return get(id);
    }

    /** Why a finalization was refused: the rule, the committee concerned, and what stands in the way. */
    public record Refusal(String rule, String committee, String detail) {
    }

    public EvaluationView get(long id) {
        EvaluationView e = jdbc.sql(COLUMNS + " where id = ?").params(id).query((rs, i) -> view(rs)).optional()
                .orElseThrow(() -> DomainException.notFound("评价不存在 / no property evaluation " + id));
        requireReader(e);
        return e;
    }

    /**
     * The evaluations the caller may see, newest first: its departments' and, once submitted, those in its territory
     * (a street sees its own, the city everything). {@code awaiting} keeps those waiting for a street opinion.
     */
    public Paging<EvaluationView> list(String status, boolean awaiting, int page, int size) {
        Actor actor = Actor.current();
        List<String> ors = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        int i = 0;
        for (String code : actor.scope().divisionCodes()) {
            // A draft is the department's working copy: the street sees an evaluation once it is submitted.
            ors.add("(street_code like :p" + i + " and status <> 'DRAFT')");
            params.put("p" + i++, Scope.prefix(code) + "%");
        }
        if (!actor.scope().unitIds().isEmpty()) {
            ors.add("department_unit_id in (:units)");
            params.put("units", List.copyOf(actor.scope().unitIds()));
        }
        if (ors.isEmpty()) return new Paging<>(List.of(), page, size, 0);
        String where = " where (" + String.join(" or ", ors) + ")";
        if (awaiting) where += " and status = 'SUBMITTED'";
        else if (status != null && !status.isBlank()) {
            where += " and status = :status";
            params.put("status", status.strip().toUpperCase());
        }
        long total = jdbc.sql("select count(*) from property_evaluation" + where).params(params).query(Long.class).single();
        params.put("size", size);
        params.put("offset", (long) page * size);
        List<EvaluationView> items = jdbc.sql(COLUMNS + where + " order by id desc limit :size offset :offset").params(params)
                .query((rs, n) -> view(rs)).list();
        return new Paging<>(items, page, size, total);
    }

    /** Property companies in the caller's department's territory, for the form (at most 200). */
    public List<Units.UnitRow> companies() {
        Unit department = departments.current();
        return units.search(null, UnitKind.PROPERTY_COMPANY, department.getDivisionCode(), 0, 200).items().stream()
                .filter(u -> u.active() && u.divisionCode().length() >= 9).toList();
    }

    /** Whether the caller may record the opinion of this street's Party working committee. */
    public boolean actsForStreet(String streetCode) {
        Actor actor = Actor.current();
        if (actor.has(Role.PARTY_STAFF) && actor.scope().divisionCodes().contains(streetCode)) return true;
        return actor.has(Role.UNIT_STAFF) && units.at(UnitKind.STREET_OFFICE, streetCode)
                .filter(u -> actor.scope().unitIds().contains(u.getId())).isPresent();
    }

    /** Whether the caller acts for the department that made this evaluation. */
    public boolean owns(EvaluationView e) {
        Actor actor = Actor.current();
        return actor.has(Role.UNIT_STAFF) && actor.scope().unitIds().contains(e.departmentUnitId());
    }

    /** Demo data: one evaluation awaiting the street's opinion, unless the street has one already. */
    @Transactional
    public void seedAwaitingOpinion(long departmentUnitId, long companyUnitId, String streetCode) {
        long existing = jdbc.sql("select count(*) from property_evaluation where street_code = ?").params(streetCode)
                .query(Long.class).single();
        if (existing > 0) return;
        OffsetDateTime now = OffsetDateTime.now(clock);
        jdbc.sql("""
                insert into property_evaluation(department_unit_id, company_unit_id, street_code, period, score, grade, findings,
                  status, created_at, created_by, submitted_at) values (?, ?, ?, ?, ?, ?, ?, 'SUBMITTED', ?, 'department', ?)""")
                .params(departmentUnitId, companyUnitId, streetCode, "2026年第三季度（示例）", new BigDecimal("78.5"), "PASS",
                        "示例：垃圾清运不及时，楼道堆物整改慢；电梯维保记录齐全。", now, now)
                .update();
    }

    private EvaluationView owned(long id) {
        EvaluationView e = get(id);
        if (!owns(e)) throw new AccessDeniedException("only the evaluating department / 仅评价部门可操作");
        return e;
    }

    private void requireReader(EvaluationView e) {
        Actor actor = Actor.current();
        if (actor.scope().unitIds().contains(e.departmentUnitId())
                || !e.status().equals("DRAFT") && (actor.isAdmin() || actor.has(Role.LEADER) || actor.covers(e.streetCode()))) {
            return;
        }
        throw new AccessDeniedException("another department's or street's evaluation");
    }

    private void requireStreetActor(String streetCode) {
        if (!actsForStreet(streetCode)) {
            throw new AccessDeniedException("only the street's Party working committee (its Party staff or office) / 仅该街道党工委可提出意见");
        }
    }

    /** Refuses (409) unless the evaluation is in this status, naming the status it is in as the pages do. */
    private static void requireStatus(EvaluationView e, String status, String chinese, String english) {
        if (e.status().equals(status)) return;
        String key = "duty.evaluations.status." + e.status();
        throw DomainException.conflict(chinese + "（当前：" + Words.chinese(key) + "）/ " + english + " (status: " + Words.english(key) + ")");
    }

    /** A guarded transition: same version and status as read, else someone acted first (409). */
    private void move(EvaluationView e, Integer version, String update, Object... params) {
        List<Object> all = new ArrayList<>(java.util.Arrays.asList(params)); // params may hold nulls
        all.add(e.id());
        all.add(version(version));
        all.add(e.status());
        int n = jdbc.sql(update + " where id = ? and version = ? and status = ?").params(all).update();
        if (n != 1) throw DomainException.conflict(DomainException.STALE);
    }

    private static int version(Integer version) {
        if (version == null) throw DomainException.badRequest("请提供 version（读取评价时得到）/ version is required (from the evaluation you read)");
        return version;
    }

    private Unit validate(EvaluationForm form) {
        if (form.companyUnitId() == null) throw DomainException.badRequest("请选择物业服务企业 / companyUnitId is required");
        Unit company = units.find(form.companyUnitId()).filter(u -> u.getKind() == UnitKind.PROPERTY_COMPANY && u.isActive())
                .orElseThrow(() -> DomainException.badRequest("companyUnitId 不是在册的物业服务企业 / not a registered property company: "
                        + form.companyUnitId()));
        if (form.period() == null || form.period().isBlank() || form.period().strip().length() > 40) {
            throw DomainException.badRequest("请填写评价周期（不超过40字，如 2026年第三季度）/ period is required (at most 40 characters)");
        }
        if (form.score() == null && (form.grade() == null || form.grade().isBlank())) {
            throw DomainException.badRequest("请填写得分或等次 / score or grade is required");
        }
        if (form.score() != null && (form.score().signum() < 0 || form.score().compareTo(BigDecimal.valueOf(100)) > 0
                || form.score().scale() > 1)) {
            throw DomainException.badRequest("得分须在0到100之间，至多一位小数 / score must lie between 0 and 100, one decimal at most");
        }
        grade(form.grade());
        if (form.findings() == null || form.findings().isBlank() || form.findings().strip().length() > 2000) {
            throw DomainException.badRequest("请填写评价意见和发现的问题（不超过2000字）/ findings are required (at most 2000 characters)");
        }
        return company;
    }

    private String streetOf(Unit company) {
        String code = company.getDivisionCode();
        return territory.find(code == null || code.length() < 9 ? "" : code.substring(0, 9)).filter(d -> d.level() == Level.STREET)
                .map(Division::code).orElseThrow(() -> DomainException.unprocessable("该物业服务企业未登记所在街道，无法征求街道意见"
                        + " / the company is not registered in a street, so no street can give its opinion", null));
    }

    private static String grade(String grade) {
        if (grade == null || grade.isBlank()) return null;
        try {
            return Grade.valueOf(grade.strip().toUpperCase()).name();
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("grade 须为 EXCELLENT、GOOD、PASS 或 FAIL（优秀、良好、合格、不合格）/ grade must be"
                    + " EXCELLENT, GOOD, PASS or FAIL: " + grade);
        }
    }

    private static Opinion opinion(String opinion) {
        try {
            return Opinion.valueOf(opinion == null ? "" : opinion.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("opinion 须为 AGREE（同意）或 DISAGREE（不同意）/ opinion must be AGREE or DISAGREE");
        }
    }

    private EvaluationView view(java.sql.ResultSet rs) throws java.sql.SQLException {
        long department = rs.getLong(2);
        long company = rs.getLong(3);
        String street = rs.getString(4);
        String streetName = divisionName(street);
        return new EvaluationView(rs.getLong(1), department, departments.name(department), company,
                units.find(company).map(Unit::getName).orElse(null), street, streetName, streetName + "党工委", rs.getString(5),
                rs.getBigDecimal(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class),
                rs.getString(11), rs.getObject(12, OffsetDateTime.class), rs.getString(13), rs.getString(14), rs.getString(15),
                rs.getObject(16, OffsetDateTime.class), rs.getString(17), rs.getObject(18, OffsetDateTime.class), rs.getString(19),
                rs.getInt(20));
    }

    private String divisionName(String code) {
        return territory.find(code).map(Division::name).orElse(code);
    }
}

package org.hemei.organization;

import java.time.LocalDate;
import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.PersonalData;
import org.hemei.identity.Scope;
import org.hemei.organization.internal.PartyMemberRepository;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.territory.Territory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Party members, seen only within the caller's territory (by their organization's division) and with name
 * and phone masked; {@link #reveal} shows them in full and writes the reveal to the audit log.
 */
@Service
public class PartyMembers {

    public record MemberForm(String name, String phone, String gender, LocalDate joinedOn, Long organizationId,
            String communityCode, Integer version) {
    }

    /** A member as listed: masked unless revealed. */
    public record MemberView(long id, String name, String phone, String gender, LocalDate joinedOn, long organizationId,
            String organizationName, String communityCode, boolean masked, int version) {
    }

    private final PartyMemberRepository members;
    private final PartyOrganizations orgs;
    private final Territory territory;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    PartyMembers(PartyMemberRepository members, PartyOrganizations orgs, Territory territory, JdbcClient jdbc, AuditLog audit) {
        this.members = members;
        this.orgs = orgs;
        this.territory = territory;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Paging<MemberView> search(Long organizationId, String q, int page, int size) {
        Scope scope = Actor.current().scope();
        StringBuilder where = new StringBuilder(" from party_member m join party_organization o on o.id = m.organization_id where (");
        // Scope filter in the query itself, so nothing outside it is ever read.
        List<String> prefixes = scope.divisionCodes().stream().map(c -> Scope.prefix(c) + "%").toList();
        if (prefixes.isEmpty()) where.append("1 = 0");
        for (int i = 0; i < prefixes.size(); i++) where.append(i == 0 ? "" : " or ").append("o.division_code like :p").append(i);
        where.append(")");
        if (organizationId != null) where.append(" and m.organization_id = :org");
        if (q != null && !q.isBlank()) where.append(" and (m.name like :q or o.name like :q)");
        JdbcClient.StatementSpec rows = jdbc.sql("select m.id, m.name, m.phone, m.gender, m.joined_on, m.organization_id, o.name,"
                + " m.community_code, m.version" + where + " order by m.id limit :size offset :offset");
        JdbcClient.StatementSpec count = jdbc.sql("select count(*)" + where);
        for (int i = 0; i < prefixes.size(); i++) {
            rows = rows.param("p" + i, prefixes.get(i));
            count = count.param("p" + i, prefixes.get(i));
        }
        String like = "%" + (q == null ? "" : q.strip()) + "%";
        List<MemberView> items = rows.param("org", organizationId).param("q", like).param("size", size)
                .param("offset", (long) page * size)
                .query((rs, i) -> new MemberView(rs.getLong(1), PersonalData.maskName(rs.getString(2)),
                        PersonalData.maskPhone(rs.getString(3)), rs.getString(4),
                        rs.getObject(5, LocalDate.class), rs.getLong(6), rs.getString(7), rs.getString(8), true, rs.getInt(9)))
                .list();
        long total = count.param("org", organizationId).param("q", like).query(Long.class).single();
        return new Paging<>(items, page, size, total);
    }

    /** The member in full; refused outside the caller's scope; every reveal is audited. */
    @Transactional
    public MemberView reveal(long id, String reason) {
        PartyMember m = getInScope(id);
        audit.record("PERSONAL_DATA_REVEALED", "party-member:" + id, reason == null || reason.isBlank() ? "name, phone" : reason);
        return view(m, false);
    }

    public MemberView masked(long id) {
        return view(getInScope(id), true);
    }

    @Transactional
    public PartyMember create(MemberForm form) {
        validate(form);
        PartyMember m = members.save(new PartyMember(form.name().strip(), blankToNull(form.phone()), form.gender(),
                form.joinedOn(), form.organizationId(), blankToNull(form.communityCode()), false));
        audit.record("PARTY_MEMBER_CREATED", "party-member:" + m.getId(), "organization " + form.organizationId());
        return m;
    }

    @Transactional
    public PartyMember update(long id, MemberForm form) {
        PartyMember m = getInScope(id);
        validate(form);
        DomainException.requireVersion(form.version());
        if (!form.version().equals(m.getVersion())) {
            throw new OptimisticLockingFailureException("member " + id + " changed");
        }
        m.edit(form.name().strip(), blankToNull(form.phone()), form.gender(), form.joinedOn(), form.organizationId(),
                blankToNull(form.communityCode()));
        m = members.save(m);
        audit.record("PARTY_MEMBER_CHANGED", "party-member:" + id, "organization " + form.organizationId());
        return m;
    }

    /** Generated members for the demo, saved without an actor. */
    public void seed(List<PartyMember> generated) {
        members.saveAll(generated);
    }

    private PartyMember getInScope(long id) {
        PartyMember m = members.findById(id).orElseThrow(() -> DomainException.notFound("党员不存在 / no Party member " + id));
        if (!Actor.current().covers(orgs.get(m.getOrganizationId()).getDivisionCode())) {
            throw new AccessDeniedException("member " + id + " is outside your scope");
        }
        return m;
    }

    private MemberView view(PartyMember m, boolean masked) {
        PartyOrganization org = orgs.get(m.getOrganizationId());
        return new MemberView(m.getId(), masked ? PersonalData.maskName(m.getName()) : m.getName(),
                masked ? PersonalData.maskPhone(m.getPhone()) : m.getPhone(), m.getGender(), m.getJoinedOn(),
                org.getId(), org.getName(), m.getCommunityCode(), masked, m.getVersion());
    }

    private void validate(MemberForm form) {
        if (form.name() == null || form.name().isBlank() || form.name().length() > 60) {
            throw DomainException.badRequest("请填写姓名（不超过60字）/ name is required (at most 60 characters)");
        }
        if (form.phone() != null && !form.phone().isBlank() && !form.phone().strip().matches("1\\d{10}|0\\d{2,3}-?\\d{7,8}")) {
            throw DomainException.badRequest("电话号码格式不正确 / phone must be a mobile (11 digits) or a landline number");
        }
        if (form.gender() != null && !form.gender().isBlank() && !List.of("男", "女").contains(form.gender().strip())) {
            throw DomainException.badRequest("性别填写“男”或“女” / gender is 男 (male) or 女 (female): " + form.gender());
        }
        if (form.organizationId() == null) {
            throw DomainException.badRequest("请选择所在党组织 / organizationId is required");
        }
        orgs.requireEditable(orgs.get(form.organizationId()).getDivisionCode());
        if (form.communityCode() != null && !form.communityCode().isBlank() && !territory.exists(form.communityCode())) {
            throw DomainException.badRequest("居住社区代码不存在 / unknown communityCode: " + form.communityCode());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

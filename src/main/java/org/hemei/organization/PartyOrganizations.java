package org.hemei.organization;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.organization.PartyOrganization.Category;
import org.hemei.organization.PartyOrganization.Kind;
import org.hemei.organization.internal.PartyOrganizationRepository;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.hemei.shared.Paging;
import org.hemei.territory.Territory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The Party organization tree. Party staff change organizations within their territory; admins anywhere. */
@Service
public class PartyOrganizations {

    public record OrgForm(String name, Kind kind, Category category, Long parentId, String divisionCode, Long unitId,
            Integer version) {
    }

    public record OrgRow(long id, String name, String kind, String category, Long parentId, String divisionCode,
            Long unitId, long children, long members) {
    }

    private final PartyOrganizationRepository orgs;
    private final Territory territory;
    private final Units units;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    PartyOrganizations(PartyOrganizationRepository orgs, Territory territory, Units units, JdbcClient jdbc, AuditLog audit) {
        this.orgs = orgs;
        this.territory = territory;
        this.units = units;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public PartyOrganization get(long id) {
        return orgs.findById(id).orElseThrow(() -> DomainException.notFound("党组织不存在 / no Party organization " + id));
    }

    /**
     * What a person typed into an organization field: its number, or the name of exactly one organization. 400 saying
     * so when the name fits several, or none.
     */
    public PartyOrganization resolve(String idOrName) {
        String text = idOrName.strip();
        if (text.matches("[0-9]{1,18}")) return get(Long.parseLong(text));
        List<Long> named = jdbc.sql("select id from party_organization where name = ? order by id").param(text).query(Long.class).list();
        if (named.size() == 1) return get(named.get(0));
        throw DomainException.badRequest((named.isEmpty() ? "没有名为「" + text + "」的党组织" : "有 " + named.size() + " 个党组织名为「" + text + "」")
                + "，请输入名称后从列表中选择 / " + (named.isEmpty() ? "no Party organization is named " : named.size()
                + " Party organizations are named ") + text + ": type part of its name and pick it from the list");
    }

    /** Those of the names that more than one record bears (see {@link SharedNames}). */
    public Set<String> sharedNames(java.util.Collection<String> names) {
        return SharedNames.among(jdbc, "party_organization", names);
    }

    @Transactional
    public PartyOrganization create(OrgForm form) {
        validate(form, null);
        PartyOrganization org = orgs.save(new PartyOrganization(form.name().strip(), form.kind(), form.category(),
                form.parentId(), form.divisionCode(), form.unitId()));
        audit.record("PARTY_ORG_CREATED", "party-org:" + org.getId(), org.getName());
        return org;
    }

    @Transactional
    public PartyOrganization update(long id, OrgForm form) {
        PartyOrganization org = get(id);
        requireEditable(org.getDivisionCode());
        validate(form, id);
        DomainException.requireVersion(form.version());
        if (!form.version().equals(org.getVersion())) {
            throw new OptimisticLockingFailureException("party organization " + id + " changed");
        }
        org.edit(form.name().strip(), form.kind(), form.category(), form.parentId(), form.divisionCode(), form.unitId());
        org = orgs.save(org);
        audit.record("PARTY_ORG_CHANGED", "party-org:" + id, org.getName());
        return org;
    }

    /** Children of a parent (roots when parentId is null), or a name search across the tree. */
    public Paging<OrgRow> list(Long parentId, String q, String division, int page, int size) {
        StringBuilder where = new StringBuilder(" from party_organization o where 1 = 1");
        boolean searching = q != null && !q.isBlank();
        if (searching) where.append(" and o.name like :q");
        else where.append(parentId == null ? " and o.parent_id is null" : " and o.parent_id = :parent");
        if (division != null && !division.isBlank()) where.append(" and o.division_code like :prefix");
        String select = "select o.id, o.name, o.kind, o.category, o.parent_id, o.division_code, o.unit_id,"
                + " (select count(*) from party_organization c where c.parent_id = o.id) as children,"
                + " (select count(*) from party_member m where m.organization_id = o.id) as members";
        var rows = bind(jdbc.sql(select + where + " order by o.division_code, o.id limit :size offset :offset"), parentId, q, division)
                .param("size", size).param("offset", (long) page * size).query(OrgRow.class).list();
        long total = bind(jdbc.sql("select count(*)" + where), parentId, q, division).query(Long.class).single();
        return new Paging<>(rows, page, size, total);
    }

    /**
     * The organization at the head of a territory: placed at exactly that division, under none of the same place
     * (a street's 党工委, not its branches). Empty when the territory has none.
     */
    public java.util.Optional<Long> headOf(String divisionCode) {
        return jdbc.sql("select o.id from party_organization o left join party_organization p on p.id = o.parent_id"
                + " where o.division_code = ? and (p.id is null or p.division_code <> o.division_code) order by o.id")
                .param(divisionCode).query(Long.class).list().stream().findFirst();
    }

    /** From the root down to this organization. */
    public List<PartyOrganization> path(long id) {
        java.util.LinkedList<PartyOrganization> path = new java.util.LinkedList<>();
        Set<Long> seen = new HashSet<>();
        for (Long at = id; at != null && seen.add(at); ) {
            PartyOrganization org = get(at);
            path.addFirst(org);
            at = org.getParentId();
        }
        return path;
    }

    void requireEditable(String divisionCode) {
        Actor actor = Actor.current();
        if (!actor.isAdmin() && !(actor.has(Role.PARTY_STAFF) && actor.covers(divisionCode))) {
            throw new AccessDeniedException("cannot change Party organizations in " + divisionCode);
        }
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec, Long parentId, String q, String division) {
        spec = spec.param("q", "%" + (q == null ? "" : q.strip()) + "%").param("parent", parentId);
        return spec.param("prefix", division == null || division.isBlank() ? "%" : Scope.prefix(division.strip()) + "%");
    }

    private void validate(OrgForm form, Long selfId) {
        if (form.name() == null || form.name().isBlank()) {
            throw DomainException.badRequest("请填写党组织名称 / name is required");
        }
        Limits.atMost(form.name().strip(), 120, "名称 name");
        if (form.kind() == null || form.category() == null) {
            throw DomainException.badRequest("请选择组织类型和类别 / kind and category are required");
        }
        if (!territory.exists(form.divisionCode())) {
            throw DomainException.badRequest("所属区划代码不存在 / unknown divisionCode: " + form.divisionCode());
        }
        requireEditable(form.divisionCode());
        if (form.unitId() != null && units.find(form.unitId()).isEmpty()) {
            throw DomainException.badRequest("所属单位不存在 / unknown unitId: " + form.unitId());
        }
        if (form.parentId() != null) {
            if (!orgs.existsById(form.parentId())) {
                throw DomainException.badRequest("上级党组织不存在 / unknown parentId: " + form.parentId());
            }
            if (selfId != null && path(form.parentId()).stream().anyMatch(o -> o.getId().equals(selfId))) {
                throw DomainException.badRequest("上级不能是自身或下级 / an organization cannot sit under itself or its own branch");
            }
        }
        requireParentInTerritory(form.parentId(), selfId == null ? null : get(selfId).getParentId(), selfId == null);
    }

    /**
     * Party staff attach organizations under one of their own territory's (a street's staff under its working
     * committee, not straight under the city or district committee); an existing one may keep the parent it has.
     */
    private void requireParentInTerritory(Long parentId, Long currentParentId, boolean creating) {
        if (Actor.current().isAdmin() || (!creating && java.util.Objects.equals(parentId, currentParentId))) return;
        PartyOrganization parent = parentId == null ? null : get(parentId);
        if (parent == null || !Actor.current().covers(parent.getDivisionCode())) {
            throw new DomainException(HttpStatus.FORBIDDEN, "上级党组织须在您的辖区内，请选择本辖区的党组织作为上级 / the parent organization must be"
                    + " one of your territory's: choose one inside it" + (parent == null ? "" : " (" + parent.getName() + " is not)"));
        }
    }
}

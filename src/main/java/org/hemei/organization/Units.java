package org.hemei.organization;

import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Scope;
import org.hemei.organization.internal.UnitRepository;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.hemei.shared.Paging;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The directory of units: reference data every staff member reads; the 12345 centre and admins edit it. */
@Service
public class Units {

    public record UnitForm(String name, UnitKind kind, DepartmentType departmentType, String divisionCode, String phone,
            String address, Boolean active, Integer version) {
    }

    public record UnitRow(long id, String name, String kind, String departmentType, String divisionCode,
            String divisionName, String phone, boolean active, int version) {
    }

    private final UnitRepository units;
    private final Territory territory;
    private final JdbcClient jdbc;
    private final AuditLog audit;

    Units(UnitRepository units, Territory territory, JdbcClient jdbc, AuditLog audit) {
        this.units = units;
        this.territory = territory;
        this.jdbc = jdbc;
        this.audit = audit;
    }

    public Unit get(long id) {
        return units.findById(id).orElseThrow(() -> DomainException.notFound("单位不存在 / no unit " + id));
    }

    public Optional<Unit> find(long id) {
        return units.findById(id);
    }

    @Transactional
    public Unit create(UnitForm form) {
        validate(form);
        Unit unit = units.save(new Unit(form.name().strip(), form.kind(), form.departmentType(), form.divisionCode(),
                form.phone(), form.address()));
        audit.record("UNIT_CREATED", "unit:" + unit.getId(), unit.getName());
        return unit;
    }

    @Transactional
    public Unit update(long id, UnitForm form) {
        validate(form);
        Unit unit = get(id);
        DomainException.requireVersion(form.version());
        if (!form.version().equals(unit.getVersion())) {
            throw new OptimisticLockingFailureException("unit " + id + " changed");
        }
        unit.edit(form.name().strip(), form.kind(), form.departmentType(), form.divisionCode(), form.phone(),
                form.address(), form.active() == null || form.active());
        unit = units.save(unit);
        audit.record("UNIT_CHANGED", "unit:" + id, unit.getName());
        return unit;
    }

    /** What a person typed into a unit field: its number, or the exact name of one unit. 400 when it is neither. */
    public Unit resolve(String idOrName) {
        String text = idOrName.strip();
        if (text.matches("[0-9]{1,18}")) return get(Long.parseLong(text));
        List<Long> named = jdbc.sql("select id from unit where name = ? order by id").param(text).query(Long.class).list();
        if (named.size() == 1) return get(named.get(0));
        throw DomainException.badRequest((named.isEmpty() ? "没有名为「" + text + "」的单位" : "有 " + named.size() + " 个单位名为「" + text + "」")
                + "，请输入名称后从列表中选择 / " + (named.isEmpty() ? "no unit is named " : named.size() + " units are named ") + text
                + ": type part of its name and pick it from the list");
    }

    /** Those of the names that more than one record bears (see {@link SharedNames}). */
    public Set<String> sharedNames(java.util.Collection<String> names) {
        return SharedNames.among(jdbc, "unit", names);
    }

    /** Units as a picker's choices: by name, by number where the name is shared, each with its place. */
    public java.util.List<Choice> choices(java.util.List<UnitRow> rows) {
        return Choice.among(rows, UnitRow::id, UnitRow::name, UnitRow::divisionName, this::sharedNames);
    }

    /** Units whose name contains q, of a kind, inside a division (by code prefix). */
    public Paging<UnitRow> search(String q, UnitKind kind, String division, int page, int size) {
        String like = q == null || q.isBlank() ? "%" : "%" + q.strip() + "%";
        String prefix = division == null || division.isBlank() ? "%" : Scope.prefix(division.strip()) + "%";
        String kindName = kind == null ? null : kind.name();
        String where = " from unit u where u.name like :q and u.division_code like :prefix"
                + (kind == null ? "" : " and u.kind = :kind");
        List<UnitRow> rows = jdbc.sql("select u.id, u.name, u.kind, u.department_type, u.division_code, u.phone, u.active,"
                + " u.version" + where + " order by u.division_code, u.kind, u.name limit :size offset :offset")
                .param("q", like).param("prefix", prefix).param("kind", kindName)
                .param("size", size).param("offset", (long) page * size)
                .query((rs, i) -> new UnitRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), territory.find(rs.getString(5)).map(Division::name).orElse(null),
                        rs.getString(6), rs.getBoolean(7), rs.getInt(8)))
                .list();
        long total = jdbc.sql("select count(*)" + where).param("q", like).param("prefix", prefix)
                .param("kind", kindName).query(Long.class).single();
        return new Paging<>(rows, page, size, total);
    }

    /** The unit of a kind at exactly this division (e.g. a street's office), if any. */
    public Optional<Unit> at(UnitKind kind, String divisionCode) {
        return jdbc.sql("select id from unit where kind = ? and division_code = ? order by id")
                .params(kind.name(), divisionCode).query(Long.class).list().stream().findFirst().flatMap(units::findById);
    }

    /** The department of a type responsible at a place: the district's own if it has one, else the city's. */
    public Optional<Unit> department(DepartmentType type, String placeCode) {
        String district = placeCode.length() >= 6 ? placeCode.substring(0, 6) : placeCode;
        List<Long> ids = jdbc.sql("""
                select id from unit where kind = 'DEPARTMENT' and active and department_type = ? and division_code in (?, ?)
                order by case when division_code = ? then 0 else 1 end, id""")
                .params(type.name(), district, Scope.CITY, district)
                .query(Long.class).list();
        return ids.stream().findFirst().flatMap(units::findById);
    }

    private void validate(UnitForm form) {
        if (form.name() == null || form.name().isBlank() || form.name().length() > 120) {
            throw DomainException.badRequest("请填写单位名称（不超过120字）/ name is required (at most 120 characters)");
        }
        if (form.kind() == null) {
            throw DomainException.badRequest("请选择单位类型 / kind is required");
        }
        Limits.atMost(form.phone(), 30, "电话 phone");
        // a unit's number may be a hotline (12345, 96199), a landline with area code or a mobile: digits and separators
        if (form.phone() != null && !form.phone().isBlank() && !form.phone().strip().matches("\\+?[0-9(][0-9 ()-]{2,28}")) {
            throw DomainException.badRequest("电话号码只能包含数字和 - ( ) 空格 / phone must be a number (digits, '-', '(', ')', spaces): "
                    + form.phone().strip());
        }
        Limits.atMost(form.address(), 200, "地址 address");
        Division division = territory.find(form.divisionCode()).orElseThrow(() -> DomainException
                .badRequest("所属区划代码不存在 / unknown divisionCode: " + form.divisionCode()));
        Level level = division.level();
        boolean fits = switch (form.kind()) {
            case DEPARTMENT -> level == Level.CITY || level == Level.DISTRICT;
            case STREET_OFFICE -> level == Level.STREET;
            case COMMUNITY_COMMITTEE -> level == Level.COMMUNITY;
            case RESIDENT_UNIT, PROPERTY_COMPANY -> true;
        };
        if (!fits) {
            throw DomainException.badRequest("单位类型与所属区划层级不符 / a " + form.kind() + " cannot sit at a "
                    + level.apiName() + " (" + division.name() + ")");
        }
        if (form.kind() == UnitKind.DEPARTMENT && form.departmentType() == null) {
            throw DomainException.badRequest("职能部门须选择部门类别 / a department needs its departmentType");
        }
    }
}

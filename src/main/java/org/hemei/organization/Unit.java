package org.hemei.organization;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A unit that can own work: a department, street office, community committee, resident unit or property company. */
@Table("unit")
public class Unit {

    @Id
    private Long id;
    @Version
    private Integer version;
    private String name;
    private UnitKind kind;
    private DepartmentType departmentType;
    private String divisionCode;
    private String phone;
    private String address;
    private boolean active = true;

    protected Unit() {
    }

    public Unit(String name, UnitKind kind, DepartmentType departmentType, String divisionCode, String phone, String address) {
        edit(name, kind, departmentType, divisionCode, phone, address, true);
    }

    void edit(String name, UnitKind kind, DepartmentType departmentType, String divisionCode, String phone,
            String address, boolean active) {
        this.name = name;
        this.kind = kind;
        this.departmentType = kind == UnitKind.DEPARTMENT ? departmentType : null;
        this.divisionCode = divisionCode;
        this.phone = phone;
        this.address = address;
        this.active = active;
    }

    public Long getId() {
        return id;
    }

    public Integer getVersion() {
        return version;
    }

    public String getName() {
        return name;
    }

    public UnitKind getKind() {
        return kind;
    }

    public DepartmentType getDepartmentType() {
        return departmentType;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public String getPhone() {
        return phone;
    }

    public String getAddress() {
        return address;
    }

    public boolean isActive() {
        return active;
    }
}

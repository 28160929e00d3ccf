package org.hemei.organization;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A Party organization in the tree 市委 → 区委 → 街道党工委 → 社区党委 → 小区党支部, or one attached to a unit
 * (organs, resident units, platform companies) or mobile members.
 */
@Table("party_organization")
public class PartyOrganization {

    /** 党委, 党工委, 党总支, 党支部. */
    public enum Kind { COMMITTEE, WORKING_COMMITTEE, GENERAL_BRANCH, BRANCH }

    /** Where it stands: the territorial line, an organ, a resident unit, a platform company, mobile members, a compound. */
    public enum Category { TERRITORIAL, ORGAN, RESIDENT_UNIT, PLATFORM, MOBILE, COMPOUND }

    @Id
    private Long id;
    @Version
    private Integer version;
    private String name;
    private Kind kind;
    private Category category;
    private Long parentId;
    private String divisionCode;
    private Long unitId;
    private Long compoundId;

    protected PartyOrganization() {
    }

    public PartyOrganization(String name, Kind kind, Category category, Long parentId, String divisionCode, Long unitId) {
        edit(name, kind, category, parentId, divisionCode, unitId);
    }

    void edit(String name, Kind kind, Category category, Long parentId, String divisionCode, Long unitId) {
        this.name = name;
        this.kind = kind;
        this.category = category;
        this.parentId = parentId;
        this.divisionCode = divisionCode;
        this.unitId = unitId;
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

    public Kind getKind() {
        return kind;
    }

    public Category getCategory() {
        return category;
    }

    public Long getParentId() {
        return parentId;
    }

    public String getDivisionCode() {
        return divisionCode;
    }

    public Long getUnitId() {
        return unitId;
    }

    public Long getCompoundId() {
        return compoundId;
    }
}

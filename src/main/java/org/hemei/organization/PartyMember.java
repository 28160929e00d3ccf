package org.hemei.organization;

import java.time.LocalDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.Table;

/** A Party member's basic record. Name and phone are personal data: masked unless revealed (audited). */
@Table("party_member")
public class PartyMember {

    @Id
    private Long id;
    @Version
    private Integer version;
    private String name;
    private String phone;
    private String gender;
    private LocalDate joinedOn;
    private Long organizationId;
    private String communityCode;
    private boolean synthetic;

    protected PartyMember() {
    }

    public PartyMember(String name, String phone, String gender, LocalDate joinedOn, Long organizationId,
            String communityCode, boolean synthetic) {
        edit(name, phone, gender, joinedOn, organizationId, communityCode);
        this.synthetic = synthetic;
    }

    void edit(String name, String phone, String gender, LocalDate joinedOn, Long organizationId, String communityCode) {
        this.name = name;
        this.phone = phone;
        this.gender = gender;
        this.joinedOn = joinedOn;
        this.organizationId = organizationId;
        this.communityCode = communityCode;
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

    public String getPhone() {
        return phone;
    }

    public String getGender() {
        return gender;
    }

    public LocalDate getJoinedOn() {
        return joinedOn;
    }

    public Long getOrganizationId() {
        return organizationId;
    }

    public String getCommunityCode() {
        return communityCode;
    }

    public boolean isSynthetic() {
        return synthetic;
    }
}

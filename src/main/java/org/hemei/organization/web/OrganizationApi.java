package org.hemei.organization.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.hemei.identity.Staff;
import org.hemei.organization.PartyMembers;
import org.hemei.organization.PartyMembers.MemberForm;
import org.hemei.organization.PartyMembers.MemberView;
import org.hemei.organization.PartyOrganization;
import org.hemei.organization.PartyOrganizations;
import org.hemei.organization.PartyOrganizations.OrgForm;
import org.hemei.organization.PartyOrganizations.OrgRow;
import org.hemei.organization.Unit;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.organization.Units.UnitForm;
import org.hemei.organization.Units.UnitRow;
import org.hemei.shared.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "organization", description = "单位、党组织、党员 / units, Party organizations, Party members")
@RestController
@RequestMapping("/api/organization")
class OrganizationApi {

    private final Units units;
    private final PartyOrganizations orgs;
    private final PartyMembers members;

    OrganizationApi(Units units, PartyOrganizations orgs, PartyMembers members) {
        this.units = units;
        this.orgs = orgs;
        this.members = members;
    }

    @Staff
    @GetMapping("/units")
    Paging<UnitRow> units(@RequestParam(required = false) String q, @RequestParam(required = false) UnitKind kind,
            @RequestParam(required = false) String division, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return units.search(q, kind, division, Paging.page(page), Paging.size(size));
    }

    @Staff
    @GetMapping("/units/{id}")
    Unit unit(@PathVariable long id) {
        return units.get(id);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/units")
    @ResponseStatus(HttpStatus.CREATED)
    Unit createUnit(@RequestBody UnitForm form) {
        return units.create(form);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PutMapping("/units/{id}")
    Unit updateUnit(@PathVariable long id, @RequestBody UnitForm form) {
        return units.update(id, form);
    }

    @Staff
    @GetMapping("/party-orgs")
    Paging<OrgRow> partyOrgs(@RequestParam(required = false) Long parent, @RequestParam(required = false) String q,
            @RequestParam(required = false) String division, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return orgs.list(parent, q, division, Paging.page(page), Paging.size(size));
    }

    @Staff
    @GetMapping("/party-orgs/{id}")
    PartyOrganization partyOrg(@PathVariable long id) {
        return orgs.get(id);
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PostMapping("/party-orgs")
    @ResponseStatus(HttpStatus.CREATED)
    PartyOrganization createPartyOrg(@RequestBody OrgForm form) {
        return orgs.create(form);
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PutMapping("/party-orgs/{id}")
    PartyOrganization updatePartyOrg(@PathVariable long id, @RequestBody OrgForm form) {
        return orgs.update(id, form);
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/members")
    Paging<MemberView> members(@RequestParam(required = false) Long organization, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return members.search(organization, q, Paging.page(page), Paging.size(size));
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/members/{id}")
    MemberView member(@PathVariable long id) {
        return members.masked(id);
    }

    /** Shows name and phone in full; the reveal is written to the audit log with the reason given. */
    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PostMapping("/members/{id}/reveal")
    MemberView reveal(@PathVariable long id, @RequestBody(required = false) Map<String, String> body) {
        return members.reveal(id, body == null ? null : body.get("reason"));
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PostMapping("/members")
    @ResponseStatus(HttpStatus.CREATED)
    MemberView createMember(@RequestBody MemberForm form) {
        return members.masked(members.create(form).getId());
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PutMapping("/members/{id}")
    MemberView updateMember(@PathVariable long id, @RequestBody MemberForm form) {
        return members.masked(members.update(id, form).getId());
    }
}

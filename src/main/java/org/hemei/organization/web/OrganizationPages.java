package org.hemei.organization.web;

import java.time.LocalDate;
import org.hemei.identity.Actor;
import org.hemei.identity.Staff;
import org.hemei.organization.Choice;
import org.hemei.organization.DepartmentType;
import org.hemei.organization.PartyMembers;
import org.hemei.organization.PartyMembers.MemberForm;
import org.hemei.organization.PartyOrganization;
import org.hemei.organization.PartyOrganizations;
import org.hemei.organization.PartyOrganizations.OrgForm;
import org.hemei.organization.UnitKind;
import org.hemei.organization.Units;
import org.hemei.organization.Units.UnitForm;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.shared.TypedText;
import org.hemei.territory.Territory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Directory pages: units, the Party organization tree and Party members (masked, reveal audited). Where a form names
 * another organization, unit or place, the field takes its name (offered as one types) or its number or code.
 */
@Controller
class OrganizationPages {

    /** The Party organization form as typed: parent, place and unit by name, number or code. */
    record OrgFields(String name, PartyOrganization.Kind kind, PartyOrganization.Category category, String parentId,
            String divisionCode, String unitId, Integer version) {
    }

    /** The Party member form as typed: the organization and the community by name, number or code. */
    record MemberFields(String name, String phone, String gender, LocalDate joinedOn, String organizationId, String communityCode,
            Integer version) {
    }

    private final Units units;
    private final PartyOrganizations orgs;
    private final PartyMembers members;
    private final Territory territory;

    OrganizationPages(Units units, PartyOrganizations orgs, PartyMembers members, Territory territory) {
        this.units = units;
        this.orgs = orgs;
        this.members = members;
        this.territory = territory;
    }

    @ModelAttribute
    void choices(Model model) {
        model.addAttribute("unitKinds", UnitKind.values());
        model.addAttribute("departmentTypes", DepartmentType.values());
        model.addAttribute("orgKinds", PartyOrganization.Kind.values());
        model.addAttribute("orgCategories", PartyOrganization.Category.values());
    }

    // ---- units

    @Staff
    @GetMapping("/units")
    String units(@RequestParam(required = false) String q, @RequestParam(required = false) UnitKind kind,
            @RequestParam(required = false) String division, @RequestParam(required = false) Integer page, Model model) {
        String code = null;
        try { // a place typed by name is taken too; an unknown one says so rather than list nothing
            code = division == null || division.isBlank() ? null : territory.resolve(division).code();
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
        }
        model.addAttribute("result", model.containsAttribute("error") ? new Paging<Units.UnitRow>(java.util.List.of(), 0, 20, 0)
                : units.search(q, kind, code, Paging.page(page), 20));
        model.addAttribute("q", q);
        model.addAttribute("kind", kind);
        model.addAttribute("division", division);
        return "organization/units";
    }

    /** Options for the unit fields of other pages' forms (the measures' unit, a Party organization's unit). */
    @Staff
    @GetMapping("/units/options")
    String unitOptions(@RequestParam java.util.Map<String, String> params, Model model) {
        String q = TypedText.of(params);
        var found = q.isEmpty() ? java.util.List.<Units.UnitRow>of() : units.search(q, null, null, 0, 20).items();
        model.addAttribute("options", units.choices(found));
        return "organization/options :: options";
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/units/new")
    String newUnit(Model model) {
        model.addAttribute("form", new UnitForm("", UnitKind.DEPARTMENT, null, territory.field("430100"), null, null, true, null));
        return "organization/unit-form";
    }

    /** A refused save leaves the browser at the form's action: opening that address again shows the form. */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/units/{id}")
    String unitAddress(@PathVariable long id) {
        return "redirect:/units/" + id + "/edit";
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/units/{id}/edit")
    String editUnit(@PathVariable long id, Model model) {
        var u = units.get(id);
        model.addAttribute("id", id);
        model.addAttribute("form", new UnitForm(u.getName(), u.getKind(), u.getDepartmentType(), territory.field(u.getDivisionCode()),
                u.getPhone(), u.getAddress(), u.isActive(), u.getVersion()));
        return "organization/unit-form";
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping({ "/units", "/units/{id}" })
    String saveUnit(@PathVariable(required = false) Long id, UnitForm form, Model model) {
        try {
            UnitForm placed = new UnitForm(form.name(), form.kind(), form.departmentType(), place(form.divisionCode()), form.phone(),
                    form.address(), form.active(), form.version());
            if (id == null) units.create(placed);
            else units.update(id, placed);
            return "redirect:/units?q=" + java.net.URLEncoder.encode(form.name().strip(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (DomainException | OptimisticLockingFailureException e) {
            model.addAttribute("id", id);
            model.addAttribute("form", form);
            model.addAttribute("error", e instanceof DomainException ? e.getMessage() : DomainException.STALE);
            return "organization/unit-form";
        }
    }

    // ---- Party organizations

    @Staff
    @GetMapping("/party-orgs")
    String partyOrgs(@RequestParam(required = false) Long parent, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Boolean roots, Model model) {
        Actor actor = Actor.current();
        if (parent == null && blank(q) && page == null && roots == null && !actor.isAdmin()
                && actor.scope().divisionCodes().size() == 1) { // arriving from the menu: at the head of one's own territory
            var head = orgs.headOf(actor.scope().divisionCodes().iterator().next());
            if (head.isPresent()) return "redirect:/party-orgs?parent=" + head.get();
        }
        model.addAttribute("result", orgs.list(parent, q, null, Paging.page(page), 20));
        model.addAttribute("path", parent == null ? java.util.List.of() : orgs.path(parent));
        model.addAttribute("parent", parent);
        model.addAttribute("q", q);
        // new organizations go under one of one's own territory's (PartyOrganizations refuses the others)
        model.addAttribute("canCreate", actor.isAdmin() || (actor.has(org.hemei.identity.Role.PARTY_STAFF) && parent != null
                && actor.covers(orgs.get(parent).getDivisionCode())));
        return "organization/party-orgs";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/party-orgs/new")
    String newPartyOrg(@RequestParam(required = false) Long parent, Model model) {
        String division = parent == null ? "430100" : orgs.get(parent).getDivisionCode();
        Actor actor = Actor.current();
        if (!actor.covers(division)) { // a branch of one's own territory, even under a higher committee
            division = actor.scope().divisionCodes().stream().sorted().findFirst().orElse(division);
        }
        model.addAttribute("form", new OrgFields("", PartyOrganization.Kind.BRANCH, PartyOrganization.Category.TERRITORIAL,
                parent == null ? null : orgField(parent), territory.field(division), null, null));
        return "organization/party-org-form";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/party-orgs/{id}")
    String partyOrgAddress(@PathVariable long id) {
        return "redirect:/party-orgs/" + id + "/edit";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/party-orgs/{id}/edit")
    String editPartyOrg(@PathVariable long id, Model model) {
        PartyOrganization o = orgs.get(id);
        model.addAttribute("id", id);
        model.addAttribute("form", new OrgFields(o.getName(), o.getKind(), o.getCategory(),
                o.getParentId() == null ? null : orgField(o.getParentId()), territory.field(o.getDivisionCode()),
                o.getUnitId() == null ? null : unitField(o.getUnitId()), o.getVersion()));
        return "organization/party-org-form";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PostMapping({ "/party-orgs", "/party-orgs/{id}" })
    String savePartyOrg(@PathVariable(required = false) Long id, OrgFields form, Model model) {
        try {
            OrgForm chosen = new OrgForm(form.name(), form.kind(), form.category(),
                    blank(form.parentId()) ? null : orgs.resolve(form.parentId()).getId(), place(form.divisionCode()),
                    blank(form.unitId()) ? null : units.resolve(form.unitId()).getId(), form.version());
            PartyOrganization saved = id == null ? orgs.create(chosen) : orgs.update(id, chosen);
            return "redirect:/party-orgs" + (saved.getParentId() == null ? "" : "?parent=" + saved.getParentId());
        } catch (DomainException | OptimisticLockingFailureException e) {
            return partyOrgRefused(id, form, e instanceof DomainException ? e.getMessage() : DomainException.STALE, model);
        } catch (org.springframework.security.access.AccessDeniedException e) {
            if (id != null) throw e; // an organization outside one's territory is not edited, nor shown in a form
            return partyOrgRefused(null, form, "所属区划不在您的辖区内，请选择辖区内的区划 / the division " + form.divisionCode()
                    + " is outside your territory: choose one inside it", model);
        }
    }

    private static String partyOrgRefused(Long id, OrgFields form, String message, Model model) {
        model.addAttribute("id", id);
        model.addAttribute("form", form);
        model.addAttribute("error", message);
        return "organization/party-org-form";
    }

    // ---- Party members

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/party-members")
    String members(@RequestParam(required = false) Long org, @RequestParam(required = false) String q,
            @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", members.search(org, q, Paging.page(page), 20));
        model.addAttribute("org", org);
        model.addAttribute("q", q);
        return "organization/party-members";
    }

    /** htmx: swaps the masked row for the full one; the reveal is audited. */
    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PostMapping("/party-members/{id}/reveal")
    String reveal(@PathVariable long id, Model model) {
        model.addAttribute("m", members.reveal(id, "page"));
        return "organization/member-row :: row(m=${m})";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/party-members/new")
    String newMember(@RequestParam(required = false) Long org, Model model) {
        model.addAttribute("form", new MemberFields("", "", null, LocalDate.now(), org == null ? null : orgField(org), null, null));
        return "organization/party-member-form";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/party-members/{id}")
    String memberAddress(@PathVariable long id) {
        return "redirect:/party-members/" + id + "/edit";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @GetMapping("/party-members/{id}/edit")
    String editMember(@PathVariable long id, Model model) {
        var m = members.reveal(id, "edit");
        model.addAttribute("id", id);
        model.addAttribute("form", new MemberFields(m.name(), m.phone(), m.gender(), m.joinedOn(), orgField(m.organizationId()),
                territory.field(m.communityCode()), m.version()));
        return "organization/party-member-form";
    }

    @PreAuthorize("hasAnyRole('ADMIN','PARTY_STAFF')")
    @PostMapping({ "/party-members", "/party-members/{id}" })
    String saveMember(@PathVariable(required = false) Long id, MemberFields form, Model model) {
        try {
            MemberForm chosen = new MemberForm(form.name(), form.phone(), form.gender(), form.joinedOn(),
                    blank(form.organizationId()) ? null : orgs.resolve(form.organizationId()).getId(),
                    blank(form.communityCode()) ? null : place(form.communityCode()), form.version());
            var saved = id == null ? members.create(chosen) : members.update(id, chosen);
            return "redirect:/party-members?org=" + saved.getOrganizationId();
        } catch (DomainException | OptimisticLockingFailureException e) {
            model.addAttribute("id", id);
            model.addAttribute("form", form);
            model.addAttribute("error", e instanceof DomainException ? e.getMessage() : DomainException.STALE);
            return "organization/party-member-form";
        }
    }

    /** Options for the Party organization fields: organizations whose name contains what was typed. */
    @Staff
    @GetMapping("/party-orgs/options")
    String partyOrgOptions(@RequestParam java.util.Map<String, String> params, Model model) {
        String q = TypedText.of(params);
        var found = q.isEmpty() ? java.util.List.<PartyOrganizations.OrgRow>of() : orgs.list(null, q, null, 0, 20).items();
        model.addAttribute("options", Choice.among(found, PartyOrganizations.OrgRow::id, PartyOrganizations.OrgRow::name,
                o -> territory.find(o.divisionCode()).map(d -> d.name()).orElse(null), orgs::sharedNames));
        return "organization/options :: options";
    }

    // ---- fields naming another record

    /** A place typed by name or code, as its code (the service checks it exists and may be used). */
    private String place(String typed) {
        return blank(typed) ? typed : territory.resolve(typed).code();
    }

    /** What an organization field shows: the name when it finds that organization again, else the number. */
    private String orgField(long id) {
        return field(id, orgs.get(id).getName(), name -> orgs.resolve(name).getId());
    }

    private String unitField(long id) {
        return units.find(id).map(u -> field(id, u.getName(), name -> units.resolve(name).getId())).orElse(String.valueOf(id));
    }

    private static String field(long id, String name, java.util.function.Function<String, Long> resolve) {
        try {
            return resolve.apply(name) == id ? name : String.valueOf(id);
        } catch (DomainException ambiguous) {
            return String.valueOf(id);
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

package org.hemei.territory.web;

import java.util.List;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.identity.Staff;
import org.hemei.shared.DomainException;
import org.hemei.shared.TypedText;
import org.hemei.territory.CommunityProfiles;
import org.hemei.territory.CommunityProfiles.ProfileChange;
import org.hemei.territory.Division;
import org.hemei.territory.Grids;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The territory browser: tree, search, map of boundaries and grids, and community profiles with their ratios. */
@Controller
class TerritoryPages {

    private final Territory territory;
    private final CommunityProfiles profiles;
    private final Grids grids;

    TerritoryPages(Territory territory, CommunityProfiles profiles, Grids grids) {
        this.territory = territory;
        this.profiles = profiles;
        this.grids = grids;
    }

    /** A grid's code (15 digits) opens at its community, whose map shows the grids. */
    private static String divisionOf(String code) {
        return code.length() > 12 ? code.substring(0, 12) : code;
    }

    @Staff
    @GetMapping("/territory")
    String browse(@RequestParam(required = false) String code, Model model) {
        Actor actor = Actor.current();
        String selected = code != null ? code
                : actor.scope().divisionCodes().stream().map(TerritoryPages::divisionOf).filter(territory::exists).sorted().findFirst().orElse("430100");
        Division division = territory.get(selected);
        model.addAttribute("division", division);
        model.addAttribute("path", territory.path(selected));
        model.addAttribute("children", territory.children(selected));
        if (actor.scope().reads(selected)) {
            model.addAttribute("rollup", profiles.rollup(selected));
            if (division.level() == Level.COMMUNITY) {
                model.addAttribute("profile", profiles.find(selected).orElse(null));
                model.addAttribute("canEdit", actor.isAdmin() || (actor.has(Role.UNIT_STAFF) && actor.covers(selected)));
                model.addAttribute("compounds", grids.compounds(selected));
            }
        }
        return "territory/browse";
    }

    @Staff
    @GetMapping("/territory/search")
    String search(@RequestParam(required = false) String q, Model model) {
        List<Division> hits = q == null || q.isBlank() ? List.of() : territory.search(q, null, 0, 20).items();
        model.addAttribute("hits", hits);
        return "territory/fragments :: hits";
    }

    /** A place offered to a place field: what the field gets ({@link Territory#field}), and its name with the district and street above it. */
    record Option(String value, String label) {
    }

    /** Options for the place fields of other pages' forms, so people type part of a name and pick the place. */
    @Staff
    @GetMapping("/territory/options")
    String options(@RequestParam java.util.Map<String, String> params, Model model) {
        String q = TypedText.of(params);
        List<Division> hits = q.isEmpty() ? List.of() : territory.search(q, null, 0, 20).items();
        model.addAttribute("options", hits.stream().map(d -> new Option(territory.field(d.code()), label(d))).toList());
        return "territory/fragments :: options";
    }

    private String label(Division d) {
        List<String> names = territory.path(d.code()).stream().filter(p -> p.level() != Level.CITY).map(Division::name).toList();
        return String.join(" · ", names);
    }

    /** The profile form as posted; every figure is required. */
    record ProfileForm(Integer residentPopulation, Integer communityWorkers, Long operatingFundsYuan, Integer serviceSpaceM2,
            Integer version) {
        ProfileChange change() {
            if (residentPopulation == null || communityWorkers == null || operatingFundsYuan == null || serviceSpaceM2 == null) {
                throw DomainException.badRequest("请填写全部数字 / every figure is required");
            }
            return new ProfileChange(residentPopulation, communityWorkers, operatingFundsYuan, serviceSpaceM2, version);
        }
    }

    @Staff
    @PostMapping("/territory/communities/{code}/profile")
    String changeProfile(@PathVariable String code, ProfileForm form, RedirectAttributes redirect) {
        try {
            profiles.change(code, form.change());
            redirect.addFlashAttribute("saved", true);
        } catch (DomainException | org.springframework.dao.OptimisticLockingFailureException e) {
            redirect.addFlashAttribute("error", e instanceof DomainException ? e.getMessage()
                    : DomainException.STALE);
        }
        return "redirect:/territory?code=" + code;
    }
}

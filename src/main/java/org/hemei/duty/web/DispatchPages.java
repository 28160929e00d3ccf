package org.hemei.duty.web;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hemei.casework.Categories;
import org.hemei.casework.Channel;
import org.hemei.casework.Urgency;
import org.hemei.duty.DispatchCatalogue;
import org.hemei.duty.DispatchDecisions;
import org.hemei.duty.DispatchRule;
import org.hemei.identity.Actor;
import org.hemei.identity.Staff;
import org.hemei.organization.DepartmentType;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * 派单目录 as a page: the rules by category, the check's findings and an explain box for everyone on staff; the form
 * to add, change and end rules for the 12345 centre.
 */
@Controller
class DispatchPages {

    /**
     * The form as typed: territory is CITY, DISTRICT, STREET or a division code; lead a unit type or a unit id;
     * assisting types or unit ids separated by commas or spaces.
     */
    record PageForm(String categoryCode, String territory, String urgency, String channel, String lead, String assisting,
            Integer precedence, String effectiveFrom, String effectiveTo, String note, Integer version) {
    }

    private final DispatchCatalogue catalogue;
    private final DispatchDecisions decisions;
    private final Categories categories;

    DispatchPages(DispatchCatalogue catalogue, DispatchDecisions decisions, Categories categories) {
        this.catalogue = catalogue;
        this.decisions = decisions;
        this.categories = categories;
    }

    @Staff
    @GetMapping("/duty/dispatch")
    String page(@RequestParam(required = false) String category, @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Long edit,
            @RequestParam(required = false) String explainCategory, @RequestParam(required = false) String place,
            @RequestParam(required = false) String on, Model model) {
        String shown = status == null || status.isBlank() ? "current" : status;
        model.addAttribute("result", catalogue.list(category, shown, null, null, Paging.page(page), 50));
        model.addAttribute("category", category);
        model.addAttribute("status", shown);
        if (edit != null && DispatchCatalogue.mayEdit(Actor.current())) {
            DispatchRule r = catalogue.get(edit);
            model.addAttribute("editing", r);
            model.addAttribute("form", toForm(r));
        }
        if (explainCategory != null && !explainCategory.isBlank()) {
            model.addAttribute("explainCategory", explainCategory);
            model.addAttribute("place", place);
            model.addAttribute("on", on);
            try {
                model.addAttribute("explanation", decisions.explain(explainCategory, place, DispatchApi.date(on), null, null));
            } catch (DomainException e) {
                model.addAttribute("explainError", e.getMessage());
            }
        }
        return render(model);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping({ "/duty/dispatch/rules", "/duty/dispatch/rules/{id}" })
    String save(@PathVariable(required = false) Long id, PageForm form, Model model, RedirectAttributes redirect) {
        try {
            DispatchRule saved = id == null ? catalogue.create(toRuleForm(form)) : catalogue.update(id, toRuleForm(form));
            redirect.addFlashAttribute("saved", saved.describe());
            return "redirect:/duty/dispatch?category=" + saved.categoryCode();
        } catch (DomainException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("form", form);
            if (id != null) model.addAttribute("editing", catalogue.get(id));
            model.addAttribute("result", catalogue.list(form.categoryCode(), "current", null, null, 0, 50));
            model.addAttribute("status", "current");
            model.addAttribute("category", form.categoryCode());
            return render(model);
        }
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/duty/dispatch/rules/{id}/end")
    String end(@PathVariable long id, @RequestParam(required = false) String reason, @RequestParam(required = false) String lastDay,
            @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        try {
            DispatchRule ended = catalogue.end(id, new DispatchCatalogue.EndForm(DispatchApi.date(lastDay), reason, version));
            redirect.addFlashAttribute("saved", ended.describe());
            return "redirect:/duty/dispatch?category=" + ended.categoryCode();
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            return "redirect:/duty/dispatch?edit=" + id;
        }
    }

    private String render(Model model) {
        Map<String, String> names = new LinkedHashMap<>();
        categories.all().forEach(c -> names.put(c.code(), c.label()));
        model.addAttribute("categoryNames", names);
        model.addAttribute("mayEdit", DispatchCatalogue.mayEdit(Actor.current()));
        model.addAttribute("findings", decisions.check(null));
        model.addAttribute("leadTypes", leadTypes());
        model.addAttribute("typeNames", typeNames());
        model.addAttribute("urgencies", Urgency.values());
        model.addAttribute("channels", Channel.values());
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", new PageForm(null, "CITY", null, null, null, null, 0, null, null, null, null));
        }
        return "duty/dispatch";
    }

    /** Department types by their Chinese name and code (what is typed), then the street and the community of the place. */
    static Map<String, String> leadTypes() {
        Map<String, String> types = new LinkedHashMap<>();
        typeNames().forEach((code, name) -> types.put(code, name + " / " + code));
        return types;
    }

    /** The same types as people read them in the catalogue's table: 城管部门, 属地街道. */
    static Map<String, String> typeNames() {
        boolean english = org.hemei.shared.Languages.english();
        Map<String, String> names = new LinkedHashMap<>();
        for (DepartmentType t : DepartmentType.values()) names.put(t.name(), english ? t.label() : t.chinese() + "部门");
        names.put("STREET", english ? "The place's street" : "属地街道");
        names.put("COMMUNITY", english ? "The place's community" : "属地社区");
        return names;
    }

    private static PageForm toForm(DispatchRule r) {
        List<String> assisting = new java.util.ArrayList<>(r.assistingTypes());
        r.assistingUnitIds().forEach(id -> assisting.add(String.valueOf(id)));
        return new PageForm(r.categoryCode(), r.territoryCode() != null ? r.territoryCode() : r.territoryLevel(), r.urgency(),
                r.channel(), r.leadUnitId() != null ? String.valueOf(r.leadUnitId()) : r.leadType(), String.join(", ", assisting),
                r.precedence(), r.effectiveFrom().toString(), r.effectiveTo() == null ? null : r.effectiveTo().toString(),
                r.note(), r.version());
    }

    private static DispatchCatalogue.RuleForm toRuleForm(PageForm f) {
        String territory = f.territory() == null ? "" : f.territory().strip();
        boolean level = !territory.isEmpty() && !isNumber(territory);
        String lead = f.lead() == null ? "" : f.lead().strip();
        List<String> assisting = f.assisting() == null ? List.of()
                : Arrays.stream(f.assisting().split("[,，\\s]+")).filter(s -> !s.isBlank()).toList();
        return new DispatchCatalogue.RuleForm(f.categoryCode(), level ? territory : null, level ? null : territory, f.urgency(),
                f.channel(), isNumber(lead) ? null : lead, isNumber(lead) ? Long.valueOf(lead) : null,
                assisting.stream().filter(s -> !isNumber(s)).toList(),
                assisting.stream().filter(DispatchPages::isNumber).map(Long::valueOf).toList(), f.precedence(),
                DispatchApi.date(f.effectiveFrom()), DispatchApi.date(f.effectiveTo()), f.note(), f.version());
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.length() <= 18 && s.chars().allMatch(Character::isDigit);
    }
}

package org.hemei.duty.web;

import java.math.BigDecimal;
import java.util.Map;
import org.hemei.duty.CommunityTasks;
import org.hemei.duty.PropertyEvaluations;
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

/** 物业服务企业评价 as pages: the department drafts, submits and finalizes; the street gives its opinion. */
@Controller
class EvaluationPages {

    /** What the draft form posts; the score stays text so "八十" is told on the page, not as a bare 400. */
    record DraftForm(Long companyUnitId, String period, String score, String grade, String findings) {
    }

    private final PropertyEvaluations evaluations;
    private final CommunityTasks tasks;

    EvaluationPages(PropertyEvaluations evaluations, CommunityTasks tasks) {
        this.evaluations = evaluations;
        this.tasks = tasks;
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF','PARTY_STAFF')")
    @GetMapping("/duty/evaluations")
    String list(@RequestParam(required = false) boolean awaiting, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("awaiting", awaiting);
        model.addAttribute("result", evaluations.list(null, awaiting, Paging.page(page), 20));
        tasks.sender().ifPresent(department -> {
            model.addAttribute("department", department);
            model.addAttribute("companies", evaluations.companies());
        });
        return "duty/evaluations";
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @PostMapping("/duty/evaluations")
    String create(DraftForm form, RedirectAttributes redirect) {
        try {
            var e = evaluations.create(new PropertyEvaluations.EvaluationForm(form.companyUnitId(), form.period(),
                    score(form.score()), form.grade(), form.findings(), null));
            return "redirect:/duty/evaluations/" + e.id();
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("posted", form); // the form comes back filled in
            return "redirect:/duty/evaluations";
        }
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF','PARTY_STAFF')")
    @GetMapping("/duty/evaluations/{id}")
    String show(@PathVariable long id, Model model) {
        var e = evaluations.get(id);
        model.addAttribute("e", e);
        model.addAttribute("owner", evaluations.owns(e));
        model.addAttribute("street", evaluations.actsForStreet(e.streetCode()));
        return "duty/evaluation";
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @PostMapping("/duty/evaluations/{id}/submit")
    String submit(@PathVariable long id, @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        return act(id, redirect, Map.of(), () -> evaluations.submit(id, version));
    }

    @PreAuthorize("hasAnyRole('UNIT_STAFF','PARTY_STAFF')")
    @PostMapping("/duty/evaluations/{id}/opinion")
    String opine(@PathVariable long id, @RequestParam(required = false) String opinion, @RequestParam(required = false) String text,
            @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        return act(id, redirect, Map.of("postedOpinion", blankAsEmpty(opinion), "postedText", blankAsEmpty(text)),
                () -> evaluations.opine(id, new PropertyEvaluations.OpinionForm(opinion, text, version)));
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @PostMapping("/duty/evaluations/{id}/finalize")
    String finalizeEvaluation(@PathVariable long id, @RequestParam(required = false) String response,
            @RequestParam(required = false) Integer version, RedirectAttributes redirect) {
        return act(id, redirect, Map.of("postedText", blankAsEmpty(response)),
                () -> evaluations.finalizeEvaluation(id, new PropertyEvaluations.FinalizeForm(response, version)));
    }

    /** Runs the action; a refusal comes back with what was typed ({@code posted}) so the form is filled in again. */
    private static String act(long id, RedirectAttributes redirect, Map<String, String> posted, Runnable action) {
        try {
            action.run();
            redirect.addFlashAttribute("done", true);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            posted.forEach(redirect::addFlashAttribute);
        }
        return "redirect:/duty/evaluations/" + id;
    }

    private static String blankAsEmpty(String text) {
        return text == null ? "" : text;
    }

    private static BigDecimal score(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("得分须为数字（0到100）/ score must be a number from 0 to 100: " + text);
        }
    }
}

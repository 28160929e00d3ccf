package org.hemei.duty.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.hemei.duty.AccessApplications;
import org.hemei.duty.AccessItem;
import org.hemei.duty.AccessKind;
import org.hemei.duty.AccessList;
import org.hemei.duty.CheckInApps;
import org.hemei.duty.CommunityTasks;
import org.hemei.identity.Actor;
import org.hemei.identity.Scope;
import org.hemei.identity.Staff;
import org.hemei.organization.Unit;
import org.hemei.shared.DomainException;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The community lists and the gate as pages: the lists; a department sends tasks (and sees the refusal with a button
 * to apply), applies for access and follows its applications; the reviewer lists or refuses; a community sees the
 * tasks delivered to it and flags unlisted burdens.
 */
@Controller
class DutyPages {

    /** A street and the communities in it, for the send form's grouped picker. */
    record StreetGroup(Division street, List<Division> communities) {
    }

    /** What the send form posts; dueDate stays text so a bad date is told on the page, not as a bare 400. */
    record SendTaskForm(String title, String accessItemCode, List<String> communityCodes, String dueDate, Boolean emergency) {
    }

    private final AccessList accessList;
    private final CheckInApps checkInApps;
    private final CommunityTasks tasks;
    private final AccessApplications applications;
    private final Territory territory;

    DutyPages(AccessList accessList, CheckInApps checkInApps, CommunityTasks tasks, AccessApplications applications,
            Territory territory) {
        this.accessList = accessList;
        this.checkInApps = checkInApps;
        this.tasks = tasks;
        this.applications = applications;
        this.territory = territory;
    }

    @Staff
    @GetMapping("/duty")
    String lists(@RequestParam(required = false) String q, Model model) {
        // "may the community be asked to do this?": the words of a task, a certificate or an app find it in every list
        String words = q == null || q.isBlank() ? null : q.strip();
        java.util.function.Predicate<String> has = text -> words == null || text != null && text.contains(words);
        java.util.function.Function<AccessKind, java.util.List<AccessItem>> found = kind -> accessList.items(kind, null).stream()
                .filter(i -> has.test(i.code()) || has.test(i.name()) || has.test(i.basis())).toList();
        model.addAttribute("legal", found.apply(AccessKind.LEGAL_DUTY));
        model.addAttribute("assistance", found.apply(AccessKind.ASSISTANCE));
        model.addAttribute("removed", found.apply(AccessKind.REMOVED_BURDEN));
        model.addAttribute("certificates", found.apply(AccessKind.FORBIDDEN_CERTIFICATE));
        model.addAttribute("apps", checkInApps.list(null).stream()
                .filter(a -> has.test(a.name()) || has.test(a.owner()) || has.test(a.purpose())).toList());
        model.addAttribute("q", words);
        return "duty/lists";
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF')")
    @GetMapping("/duty/tasks")
    String taskPage(@RequestParam(required = false) Integer page, Model model) {
        tasks.sender().ifPresent(department -> {
            model.addAttribute("department", department);
            model.addAttribute("items", accessList.items(null, null).stream()
                    .filter(i -> i.active() && i.kind().deliverable()).toList());
            model.addAttribute("streets", streetsOf(department));
            model.addAttribute("today", LocalDate.now(org.hemei.casework.TimeLimit.CHINA));
        });
        model.addAttribute("result", tasks.deliveries(org.hemei.shared.Paging.page(page), 20));
        return "duty/tasks";
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @PostMapping("/duty/tasks")
    String send(SendTaskForm form, RedirectAttributes redirect) {
        try {
            var sent = tasks.send(new CommunityTasks.SendForm(form.title(), form.accessItemCode(), form.communityCodes(),
                    date(form.dueDate()), Boolean.TRUE.equals(form.emergency())));
            redirect.addFlashAttribute("sent", sent);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("posted", form); // the form comes back filled in
            // A refusal at the gate carries its rule: show it with a pre-filled application.
            if (e.problems() != null && !e.problems().isEmpty() && e.problems().get(0) instanceof CommunityTasks.Refusal r) {
                redirect.addFlashAttribute("refusal", r);
                redirect.addFlashAttribute("refusedTitle", form.title());
            }
        }
        return "redirect:/duty/tasks";
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @PostMapping("/duty/tasks/{id}/flag")
    String flag(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            tasks.flag(id, reason);
            redirect.addFlashAttribute("flagged", true);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/duty/tasks";
    }

    @PreAuthorize("hasAnyRole('ADMIN','LEADER','UNIT_STAFF')")
    @GetMapping("/duty/applications")
    String applicationPage(@RequestParam(required = false) String title, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer pendingPage, Model model) {
        Actor actor = Actor.current();
        boolean reviewer = actor.isAdmin();
        model.addAttribute("reviewer", reviewer);
        model.addAttribute("department", tasks.sender().orElse(null));
        model.addAttribute("prefillTitle", title);
        model.addAttribute("earliest", tasks.earliestApplicationStart());
        // Street and community staff have no applications of their own: an empty page, not a 403.
        boolean any = reviewer || actor.has(org.hemei.identity.Role.LEADER) || tasks.sender().isPresent();
        var none = new org.hemei.shared.Paging<AccessApplications.ApplicationView>(List.of(), 0, 20, 0);
        model.addAttribute("pending", any ? applications.list("PENDING", org.hemei.shared.Paging.page(pendingPage), 20) : none);
        model.addAttribute("decided", any ? applications.list("DECIDED", org.hemei.shared.Paging.page(page), 20) : none);
        return "duty/applications";
    }

    @PreAuthorize("hasRole('UNIT_STAFF')")
    @PostMapping("/duty/applications")
    String apply(@RequestParam(required = false) String title, @RequestParam(required = false) String basis,
            @RequestParam(required = false) String startDate, RedirectAttributes redirect) {
        try {
            var a = applications.apply(new AccessApplications.ApplyForm(title, basis, date(startDate)));
            redirect.addFlashAttribute("applied", a);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addAttribute("title", title);
            redirect.addFlashAttribute("postedBasis", basis);
            redirect.addFlashAttribute("postedStart", startDate);
        }
        return "redirect:/duty/applications";
    }

    @org.hemei.identity.AdminOnly
    @PostMapping("/duty/applications/{id}/decision")
    String decide(@PathVariable long id, @RequestParam(required = false) Boolean approve,
            @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            var a = applications.decide(id, approve, reason);
            redirect.addFlashAttribute("decision", a);
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/duty/applications";
    }

    @org.hemei.identity.AdminOnly
    @PostMapping("/duty/applications/{id}/revoke")
    String revoke(@PathVariable long id, @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            redirect.addFlashAttribute("decision", applications.revoke(id, reason));
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/duty/applications";
    }

    /** Streets inside the department's territory with their communities (the city's department: all of them). */
    private List<StreetGroup> streetsOf(Unit department) {
        String prefix = Scope.prefix(department.getDivisionCode());
        return territory.all(Level.STREET).stream().filter(s -> s.code().startsWith(prefix))
                .map(s -> new StreetGroup(s, territory.children(s.code()).stream().filter(c -> c.level() == Level.COMMUNITY).toList()))
                .filter(g -> !g.communities().isEmpty()).toList();
    }

    static LocalDate date(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest("日期格式应为 yyyy-mm-dd / dates are written yyyy-mm-dd: " + text);
        }
    }
}

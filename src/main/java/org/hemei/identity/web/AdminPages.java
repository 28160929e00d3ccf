package org.hemei.identity.web;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.hemei.identity.Account;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.AccountAdministration.AccountForm;
import org.hemei.identity.AdminOnly;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Account administration and the audit log, for administrators. */
@Controller
class AdminPages {

    /** The account form as posted: scope as comma-separated codes and unit ids. */
    record AccountPost(String username, String displayName, String password, Set<Role> roles, String divisions,
            String units, Boolean enabled, Integer version) {

        AccountForm form() {
            return new AccountForm(username, displayName, password, roles == null ? Set.of() : roles,
                    new Scope(split(divisions), split(units).stream().map(AdminPages::unitId).collect(Collectors.toSet())),
                    enabled != null && enabled, version);
        }

        static AccountPost of(Account a) {
            Scope s = a.scope();
            return new AccountPost(a.getUsername(), a.getDisplayName(), "", a.roles(),
                    String.join(",", new java.util.TreeSet<>(s.divisionCodes())),
                    s.unitIds().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")), a.isEnabled(),
                    a.getVersion());
        }
    }

    private final AccountAdministration accounts;
    private final AuditLog audit;

    AdminPages(AccountAdministration accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @AdminOnly
    @GetMapping("/admin/accounts")
    String list(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", accounts.page(q, Paging.page(page), 20));
        model.addAttribute("q", q);
        return "identity/accounts";
    }

    @AdminOnly
    @GetMapping("/admin/accounts/new")
    String create(Model model) {
        model.addAttribute("form", new AccountPost("", "", "", Set.of(), "", "", true, null)); // roles are chosen, never assumed
        return form(model, null);
    }

    @AdminOnly
    @GetMapping("/admin/accounts/{id}/edit")
    String edit(@PathVariable long id, Model model) {
        model.addAttribute("form", AccountPost.of(accounts.get(id)));
        return form(model, id);
    }

    @AdminOnly
    @PostMapping({ "/admin/accounts", "/admin/accounts/{id}" })
    String save(@PathVariable(required = false) Long id, AccountPost post, Model model, RedirectAttributes redirect) {
        try {
            if (id == null) accounts.create(post.form());
            else accounts.update(id, post.form());
            redirect.addFlashAttribute("saved", true);
            redirect.addAttribute("q", post.username());
            return "redirect:/admin/accounts";
        } catch (DomainException | OptimisticLockingFailureException e) {
            model.addAttribute("form", post);
            model.addAttribute("error", e instanceof DomainException ? e.getMessage()
                    : DomainException.STALE);
            return form(model, id);
        }
    }

    /** Issues a key and shows it once. */
    @AdminOnly
    @PostMapping("/admin/accounts/{id}/api-keys")
    String issueKey(@PathVariable long id, RedirectAttributes redirect) {
        redirect.addFlashAttribute("newKey", accounts.issueApiKey(id, "issued on page"));
        return "redirect:/admin/accounts/" + id + "/edit";
    }

    @AdminOnly
    @GetMapping("/admin/audit")
    String audit(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("result", audit.page(q, Paging.page(page), 50));
        model.addAttribute("q", q);
        return "identity/audit";
    }

    private static String form(Model model, Long id) {
        model.addAttribute("id", id);
        model.addAttribute("allRoles", Role.values());
        return "identity/account-form";
    }

    private static Set<String> split(String s) {
        if (s == null || s.isBlank()) return Set.of();
        return Arrays.stream(s.split("[,，\\s]+")).filter(x -> !x.isBlank()).collect(Collectors.toCollection(HashSet::new));
    }

    private static Long unitId(String s) {
        try {
            return Long.valueOf(s);
        } catch (NumberFormatException e) {
            throw DomainException.badRequest("单位编号须为数字 / unit ids must be numbers: " + s);
        }
    }
}

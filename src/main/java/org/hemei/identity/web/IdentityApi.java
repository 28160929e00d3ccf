package org.hemei.identity.web;

import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import java.util.Set;
import org.hemei.identity.Account;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.AccountAdministration.AccountForm;
import org.hemei.identity.AccountAdministration.AccountRow;
import org.hemei.identity.Actor;
import org.hemei.identity.AdminOnly;
import org.hemei.identity.AuditLog;
import org.hemei.identity.Role;
import org.hemei.identity.Scope;
import org.hemei.identity.SignedIn;
import org.hemei.shared.Paging;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "identity", description = "账号、角色、辖区、审计 / accounts, roles, scopes, audit")
@RestController
@RequestMapping("/api/identity")
class IdentityApi {

    /** An account as the API shows it: never its password hash. */
    record AccountView(long id, String username, String displayName, boolean enabled, Set<Role> roles, Scope scope,
            int version) {
        static AccountView of(Account a) {
            return new AccountView(a.getId(), a.getUsername(), a.getDisplayName(), a.isEnabled(), a.roles(), a.scope(),
                    a.getVersion());
        }
    }

    record AccountRequest(String username, String displayName, String password, Set<Role> roles, Set<String> divisions,
            Set<Long> units, Boolean enabled, Integer version) {
        AccountForm form() {
            if ((divisions != null && divisions.contains(null)) || (units != null && units.contains(null))) {
                throw org.hemei.shared.DomainException.badRequest("辖区代码和单位编号不能为空 / divisions and units cannot contain null");
            }
            return new AccountForm(username, displayName, password, roles,
                    new Scope(divisions == null ? Set.of() : divisions, units == null ? Set.of() : units),
                    enabled == null || enabled, version);
        }
    }

    private final AccountAdministration accounts;
    private final AuditLog audit;

    IdentityApi(AccountAdministration accounts, AuditLog audit) {
        this.accounts = accounts;
        this.audit = audit;
    }

    @SignedIn
    @GetMapping("/me")
    Actor me() {
        return Actor.current();
    }

    @AdminOnly
    @GetMapping("/accounts")
    Paging<AccountRow> accounts(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return accounts.page(q, Paging.page(page), Paging.size(size));
    }

    @AdminOnly
    @GetMapping("/accounts/{id}")
    AccountView account(@PathVariable long id) {
        return AccountView.of(accounts.get(id));
    }

    @AdminOnly
    @PostMapping("/accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView create(@RequestBody AccountRequest request) {
        return AccountView.of(accounts.create(request.form()));
    }

    @AdminOnly
    @PutMapping("/accounts/{id}")
    AccountView update(@PathVariable long id, @RequestBody AccountRequest request) {
        return AccountView.of(accounts.update(id, request.form()));
    }

    /** Issues a new API key; it is shown only in this response. */
    @AdminOnly
    @PostMapping("/accounts/{id}/api-keys")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, String> issueKey(@PathVariable long id, @RequestBody(required = false) Map<String, String> body) {
        return Map.of("apiKey", accounts.issueApiKey(id, body == null ? null : body.get("label")));
    }

    @AdminOnly
    @GetMapping("/audit")
    Paging<AuditLog.Entry> audit(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return audit.page(q, Paging.page(page), Paging.size(size));
    }
}

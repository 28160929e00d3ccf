package org.hemei.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.hemei.identity.Account;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.Actor;
import org.hemei.identity.ApiKeys;
import org.hemei.identity.HemeiUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <key>} signs an API request in as the key's account for that request only.
 * A wrong or revoked key is refused outright (401) rather than treated as anonymous.
 */
class ApiKeyFilter extends OncePerRequestFilter {

    private final AccountAdministration accounts;
    private final JsonErrors errors;

    ApiKeyFilter(AccountAdministration accounts, JsonErrors errors) {
        this.accounts = accounts;
        this.errors = errors;
    }

    /** Makes the actor the request's signed-in principal; returns the context, for a session to keep. */
    static SecurityContext signIn(Actor actor) {
        HemeiUser user = new HemeiUser(actor, null, true, false);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        return context;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!ApiKeys.isBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Account> account = accounts.findByApiKey(ApiKeys.key(request)).filter(Account::isEnabled);
        if (account.isEmpty()) {
            errors.write(response, 401, "API 密钥无效或已吊销 / invalid or revoked API key");
            return;
        }
        signIn(account.get().actor());
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}

package org.hemei.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.hemei.identity.Account;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.HemeiUser;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
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

    /** A request signed with a key: it is that key's account, whatever session cookie it also carries. */
    static boolean isBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!isBearer(request)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<Account> account = accounts.findByApiKey(request.getHeader("Authorization").substring(7).strip())
                .filter(Account::isEnabled);
        if (account.isEmpty()) {
            errors.write(response, 401, "API 密钥无效或已吊销 / invalid or revoked API key");
            return;
        }
        HemeiUser user = new HemeiUser(account.get().actor(), null, true, false);
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}

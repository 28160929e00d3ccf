package org.hemei.identity.internal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.Optional;
import org.hemei.identity.Account;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.Actor;
import org.hemei.identity.ApiKeys;
import org.hemei.identity.HemeiUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A session keeps the roles and scope its account had at sign-in. Each request compares them with the account now:
 * a disabled or deleted account is signed out at once (a dismissed dispatcher's open board stops working), and
 * changed roles or scope take effect in the session that is open.
 */
final class SessionRecheckFilter extends OncePerRequestFilter {

    private final AccountAdministration accounts;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SessionRecheckFilter(AccountAdministration accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && !ApiKeys.isBearer(request) && auth != null && auth.getPrincipal() instanceof HemeiUser user) {
            Optional<Actor> now = accounts.findLive(user.actor().accountId()).filter(Account::isEnabled).map(Account::actor);
            if (now.isEmpty()) {
                SecurityContextHolder.clearContext();
                session.invalidate();
            } else if (!now.get().equals(user.actor())) {
                sessions.saveContext(ApiKeyFilter.signIn(now.get()), request, response);
            }
        }
        chain.doFilter(request, response);
    }
}

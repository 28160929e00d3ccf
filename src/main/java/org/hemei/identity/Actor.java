package org.hemei.identity;

import java.util.Set;
import org.springframework.security.access.AccessDeniedException;
import java.util.function.Supplier;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** The signed-in person a request acts for: who, in which roles, over which scope. */
public record Actor(long accountId, String username, String displayName, Set<Role> roles, Scope scope) {

    public static final Actor SYSTEM = new Actor(0, "system", "系统 / system", Set.of(Role.ADMIN), Scope.city());

    /** The current request's actor; {@link #SYSTEM} outside a request (start-up jobs, demo data). */
    public static Actor current() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof HemeiUser user) {
            return user.actor();
        }
        if (auth == null) {
            return SYSTEM;
        }
        throw new AccessDeniedException("not signed in");
    }

    /** Runs the work signed in as this actor, for this call only (an Open311 poster's key, the demo's own residents). */
    public <T> T acting(Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        HemeiUser user = new HemeiUser(this, null, true, false);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean isAdmin() {
        return has(Role.ADMIN);
    }

    public boolean covers(String divisionCode) {
        return scope.covers(divisionCode);
    }

    /** Refuses (403) unless this actor may read the division ({@link Scope#reads}). */
    public void requireReads(String divisionCode) {
        if (!scope.reads(divisionCode)) {
            throw new AccessDeniedException("out of scope: " + divisionCode);
        }
    }

    /** Refuses (403) unless the division lies in this actor's scope. */
    public void requireScope(String divisionCode) {
        if (!covers(divisionCode)) {
            throw new AccessDeniedException("out of scope: " + divisionCode);
        }
    }

    public Role primaryRole() {
        return roles.stream().sorted().findFirst().orElse(Role.RESIDENT);
    }
}

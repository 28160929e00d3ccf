package org.hemei.identity.internal;

import org.hemei.identity.AuditLog;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.stereotype.Component;

/** Writes every password sign-in, good or bad, to the audit log and feeds the throttle. */
@Component
class SignInAudit {

    private final AuditLog audit;
    private final LoginThrottle throttle;

    SignInAudit(AuditLog audit, LoginThrottle throttle) {
        this.audit = audit;
        this.throttle = throttle;
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (!(event.getAuthentication() instanceof UsernamePasswordAuthenticationToken)) {
            return;
        }
        String name = event.getAuthentication().getName();
        throttle.succeeded(name);
        audit.record(name, "SIGN_IN", "account:" + name, null);
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String name = event.getAuthentication().getName();
        throttle.failed(name);
        audit.record(name, "SIGN_IN_FAILED", "account:" + name, event.getException().getClass().getSimpleName());
    }
}

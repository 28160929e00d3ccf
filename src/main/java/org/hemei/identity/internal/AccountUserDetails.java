package org.hemei.identity.internal;

import org.hemei.identity.Accounts;
import org.hemei.identity.HemeiUser;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Loads accounts for form sign-in; a throttled username comes back locked. */
@Service
class AccountUserDetails implements UserDetailsService {

    private final Accounts accounts;
    private final LoginThrottle throttle;

    AccountUserDetails(Accounts accounts, LoginThrottle throttle) {
        this.accounts = accounts;
        this.throttle = throttle;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        return accounts.findByUsername(username)
                .map(a -> new HemeiUser(a.actor(), a.getPasswordHash(), a.isEnabled(), throttle.isLocked(username)))
                .orElseThrow(() -> new UsernameNotFoundException(username));
    }
}

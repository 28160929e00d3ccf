package org.hemei.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing: after {@value #MAX_FAILURES} failed sign-ins for one username within the window,
 * that username is locked for the rest of the window. Per instance, in memory: a restart forgets, which is
 * acceptable for a throttle (the audit log keeps every failure).
 */
@Component
public class LoginThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    public void failed(String username) {
        Deque<Instant> list = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (list) {
            list.addLast(clock.instant());
            while (list.size() > MAX_FAILURES) list.removeFirst();
        }
    }

    public void succeeded(String username) {
        failures.remove(key(username));
    }

    public boolean isLocked(String username) {
        Deque<Instant> list = failures.get(key(username));
        if (list == null) return false;
        synchronized (list) {
            Instant since = clock.instant().minus(WINDOW);
            list.removeIf(t -> t.isBefore(since));
            return list.size() >= MAX_FAILURES;
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase();
    }
}

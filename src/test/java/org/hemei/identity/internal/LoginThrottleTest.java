package org.hemei.identity.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T08:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    private void fail(String user, int times, Duration apart) {
        for (int i = 0; i < times; i++) {
            throttle.failed(user);
            clock.advance(apart);
        }
    }

    @Test
    void locksAfterFiveFailuresWithinFifteenMinutes() {
        fail("alice", 4, Duration.ofMinutes(1));
        assertFalse(throttle.isLocked("alice"), "four failures are not enough");
        throttle.failed("alice");
        assertTrue(throttle.isLocked("alice"));
        assertTrue(throttle.isLocked(" ALICE "), "the same username however it is typed");
        assertFalse(throttle.isLocked("bob"), "other usernames are unaffected");
    }

    @Test
    void unlocksOnceTheWindowHasPassed() {
        fail("alice", 5, Duration.ZERO);
        assertTrue(throttle.isLocked("alice"));
        clock.advance(Duration.ofMinutes(14));
        assertTrue(throttle.isLocked("alice"), "still inside the 15-minute window");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertFalse(throttle.isLocked("alice"));
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotLock() {
        fail("alice", 5, Duration.ofMinutes(4)); // the first is 16 minutes old by the fifth
        assertFalse(throttle.isLocked("alice"));
    }

    @Test
    void successForgetsEarlierFailures() {
        fail("alice", 4, Duration.ZERO);
        throttle.succeeded("Alice");
        throttle.failed("alice");
        assertFalse(throttle.isLocked("alice"));
    }
}

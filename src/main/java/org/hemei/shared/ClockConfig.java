package org.hemei.shared;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One clock for the domain, so tests can move time instead of waiting for it. */
@Configuration(proxyBeanMethods = false)
class ClockConfig {

    /**
     * Microsecond ticks: PostgreSQL (and H2) keep timestamps to the microsecond, so an order held in memory after
     * saving reads exactly as it will when loaded again (the intake answers from memory, not by re-reading).
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), java.time.Duration.ofNanos(1_000));
    }
}

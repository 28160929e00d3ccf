package org.hemei.casework.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.context.support.ResourceBundleMessageSource;

/** What a unit reads beside a time limit, from the platform's own message bundles. */
class TimeLeftTest {

    static final Instant NOW = Instant.parse("2026-12-04T02:00:00Z");

    private final TimeLeft timeLeft = new TimeLeft(Clock.fixed(NOW, ZoneOffset.UTC), bundles());

    private static ResourceBundleMessageSource bundles() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    @AfterEach
    void resetLocale() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void saysDaysAndHoursAheadHoursAndMinutesOverdueAndMinutesWhenClose() {
        LocaleContextHolder.setLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(timeLeft.until(NOW.plus(Duration.ofHours(27).plusMinutes(10)))).isEqualTo("还剩 1天3小时");
        assertThat(timeLeft.until(NOW.minus(Duration.ofHours(5).plusMinutes(30)))).isEqualTo("超期 5小时30分");
        assertThat(timeLeft.until(NOW.plus(Duration.ofMinutes(20)))).isEqualTo("还剩 20分钟");
        assertThat(timeLeft.until(NOW.plusSeconds(10))).isEqualTo("还剩 1分钟"); // never "0 minutes" while time remains
        assertThat(timeLeft.until((Instant) null)).isNull();
        LocaleContextHolder.setLocale(Locale.ENGLISH);
        assertThat(timeLeft.until(NOW.plus(Duration.ofHours(27)))).isEqualTo("1 d 3 h left");
        assertThat(timeLeft.until(NOW.minus(Duration.ofMinutes(90)))).isEqualTo("1 h 30 min overdue");
    }

    @Test
    void theHandlingClockRunsUntilHandledAndStopsWhileSuspended() {
        assertThat(timeLeft.running("SIGNED")).isTrue();
        assertThat(timeLeft.running("RETURN_REQUESTED")).isTrue();
        assertThat(timeLeft.running("SUSPENDED")).isFalse();
        assertThat(timeLeft.running("HANDLED")).isFalse();
        assertThat(timeLeft.running("CLOSED")).isFalse();
    }
}

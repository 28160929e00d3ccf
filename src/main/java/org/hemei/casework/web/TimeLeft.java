package org.hemei.casework.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.hemei.casework.Status;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * How long is left until a time limit, in the page's language (还剩 1天3小时, 超期 5小时): a unit sees at a glance
 * what to do first, where a date alone must be worked out. Templates call it as {@code @timeLeft}.
 */
@Component("timeLeft")
public class TimeLeft {

    /** While the handling clock runs: it stops once handled, and while suspended (挂账). */
    private static final Set<Status> RUNNING = EnumSet.of(Status.DISPATCHED, Status.SIGNED, Status.IN_PROGRESS, Status.RETURN_REQUESTED);

    private final Clock clock;
    private final MessageSource messages;

    TimeLeft(Clock clock, MessageSource messages) {
        this.clock = clock;
        this.messages = messages;
    }

    public boolean running(String status) {
        return status != null && RUNNING.contains(Status.valueOf(status));
    }

    public String until(OffsetDateTime due) {
        return due == null ? null : until(due.toInstant());
    }

    public String until(Instant due) {
        if (due == null) return null;
        Duration left = Duration.between(clock.instant(), due);
        String span = span(left.abs());
        return messages.getMessage(left.isNegative() ? "timeLeft.overdue" : "timeLeft.left", new Object[] { span },
                LocaleContextHolder.getLocale());
    }

    /** Days and hours, or hours and minutes under a day, or minutes under an hour: two units say enough. */
    private String span(Duration d) {
        long days = d.toDays(), hours = d.toHoursPart(), minutes = Math.max(d.toMinutesPart(), d.isZero() ? 0 : 1);
        String key = days > 0 ? "timeLeft.daysHours" : hours > 0 ? "timeLeft.hoursMinutes" : "timeLeft.minutes";
        return messages.getMessage(key, new Object[] { days > 0 ? days : hours > 0 ? hours : minutes, days > 0 ? hours : minutes },
                LocaleContextHolder.getLocale());
    }
}

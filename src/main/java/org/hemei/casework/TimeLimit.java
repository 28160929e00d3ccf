package org.hemei.casework;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * A time limit as the rules write it: {@code 15m}, {@code 2h}, {@code 15d} (calendar days) or {@code 7wd}
 * (working days, which skip China's holidays and count adjusted working weekends).
 */
public record TimeLimit(int amount, Unit unit) {

    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    public enum Unit { MINUTES, HOURS, DAYS, WORKING_DAYS }

    public static TimeLimit parse(String text) {
        String t = text.strip().toLowerCase();
        try {
            if (t.endsWith("wd")) return new TimeLimit(Integer.parseInt(t.substring(0, t.length() - 2)), Unit.WORKING_DAYS);
            int n = Integer.parseInt(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 'm' -> new TimeLimit(n, Unit.MINUTES);
                case 'h' -> new TimeLimit(n, Unit.HOURS);
                case 'd' -> new TimeLimit(n, Unit.DAYS);
                default -> throw new IllegalArgumentException();
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("time limit must look like 15m, 2h, 15d or 7wd: " + text);
        }
    }

    /**
     * The deadline for something started at {@code from}. Working days keep the time of day; a start on a
     * rest day counts from the beginning of the next working day.
     */
    public Instant deadline(Instant from, WorkingCalendar calendar) {
        return switch (unit) {
            case MINUTES -> from.plus(Duration.ofMinutes(amount));
            case HOURS -> from.plus(Duration.ofHours(amount));
            case DAYS -> from.atZone(CHINA).plusDays(amount).toInstant();
            case WORKING_DAYS -> {
                ZonedDateTime start = from.atZone(CHINA);
                LocalDate day = start.toLocalDate();
                if (!calendar.isWorkingDay(day)) {
                    day = calendar.nextWorkingDay(day);
                    start = day.atStartOfDay(CHINA);
                }
                LocalDate due = calendar.plusWorkingDays(day, amount);
                yield start.with(due).toInstant();
            }
        };
    }

    @Override
    public String toString() {
        return amount + switch (unit) {
            case MINUTES -> "m";
            case HOURS -> "h";
            case DAYS -> "d";
            case WORKING_DAYS -> "wd";
        };
    }
}

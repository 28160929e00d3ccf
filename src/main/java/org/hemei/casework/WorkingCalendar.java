package org.hemei.casework;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * China's working days: Monday to Friday, except public holidays, plus the weekend days worked in exchange
 * (调休上班). Immutable; {@link Calendars} loads it from the database and swaps it when an admin adds a year.
 */
public final class WorkingCalendar {

    public enum Kind { HOLIDAY, WORKDAY }

    private final Map<LocalDate, Kind> exceptions;
    private final Set<Integer> years;

    public WorkingCalendar(Map<LocalDate, Kind> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
        this.years = exceptions.keySet().stream().map(LocalDate::getYear).collect(Collectors.toUnmodifiableSet());
    }

    public boolean isWorkingDay(LocalDate day) {
        Kind kind = exceptions.get(day);
        if (kind != null) return kind == Kind.WORKDAY;
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    public LocalDate nextWorkingDay(LocalDate day) {
        LocalDate d = day.plusDays(1);
        while (!isWorkingDay(d)) d = d.plusDays(1);
        return d;
    }

    /** The working day {@code n} working days after {@code day} (n = 0 gives {@code day} itself). */
    public LocalDate plusWorkingDays(LocalDate day, int n) {
        LocalDate d = day;
        for (int i = 0; i < n; i++) d = nextWorkingDay(d);
        return d;
    }

    /** Whether the State Council's arrangement for this year has been entered. */
    public boolean knows(int year) {
        return years.contains(year);
    }
}

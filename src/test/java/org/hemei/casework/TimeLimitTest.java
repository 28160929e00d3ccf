package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import org.hemei.casework.WorkingCalendar.Kind;
import org.junit.jupiter.api.Test;

/** Time limits in China's working time, across the 2026 National Day holiday and its adjusted working weekends. */
class TimeLimitTest {

    /** 2026 (State Council notice of 2025-11-04): Sun 9-20 worked; 9-25..27 Mid-Autumn; 10-1..7 National Day; Sat 10-10 worked. */
    static final WorkingCalendar CALENDAR_2026 = new WorkingCalendar(Map.ofEntries(
            Map.entry(LocalDate.of(2026, 9, 20), Kind.WORKDAY), Map.entry(LocalDate.of(2026, 9, 25), Kind.HOLIDAY),
            Map.entry(LocalDate.of(2026, 9, 26), Kind.HOLIDAY), Map.entry(LocalDate.of(2026, 9, 27), Kind.HOLIDAY),
            Map.entry(LocalDate.of(2026, 10, 1), Kind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 2), Kind.HOLIDAY),
            Map.entry(LocalDate.of(2026, 10, 3), Kind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 4), Kind.HOLIDAY),
            Map.entry(LocalDate.of(2026, 10, 5), Kind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 6), Kind.HOLIDAY),
            Map.entry(LocalDate.of(2026, 10, 7), Kind.HOLIDAY), Map.entry(LocalDate.of(2026, 10, 10), Kind.WORKDAY)));

    static Instant china(int month, int day, int hour) {
        return LocalDateTime.of(2026, month, day, hour, 0).atZone(TimeLimit.CHINA).toInstant();
    }

    @Test
    void workingDaysSkipTheHolidayAndCountTheAdjustedSaturday() {
        TimeLimit one = TimeLimit.parse("1wd");
        assertThat(one.deadline(china(9, 30, 10), CALENDAR_2026)).isEqualTo(china(10, 8, 10));
        assertThat(TimeLimit.parse("3wd").deadline(china(9, 30, 10), CALENDAR_2026)).isEqualTo(china(10, 10, 10));
        // 9-28, 9-29, 9-30, 10-8, 10-9, 10-10 (Saturday, worked), 10-12.
        assertThat(TimeLimit.parse("7wd").deadline(china(9, 24, 16), CALENDAR_2026)).isEqualTo(china(10, 12, 16));
    }

    @Test
    void aDemandReceivedOnAHolidayCountsFromTheNextWorkingMorning() {
        assertThat(TimeLimit.parse("1wd").deadline(china(10, 3, 15), CALENDAR_2026)).isEqualTo(china(10, 9, 0));
        // Sunday 20 September is a working day.
        assertThat(CALENDAR_2026.isWorkingDay(LocalDate.of(2026, 9, 20))).isTrue();
        assertThat(TimeLimit.parse("1wd").deadline(china(9, 19, 11), CALENDAR_2026)).isEqualTo(china(9, 21, 0));
    }

    @Test
    void naturalLimitsIgnoreTheCalendar() {
        assertThat(TimeLimit.parse("15m").deadline(china(10, 1, 10), CALENDAR_2026)).isEqualTo(china(10, 1, 10).plusSeconds(900));
        assertThat(TimeLimit.parse("24h").deadline(china(10, 1, 10), CALENDAR_2026)).isEqualTo(china(10, 2, 10));
        assertThat(TimeLimit.parse("15d").deadline(china(10, 1, 10), CALENDAR_2026)).isEqualTo(china(10, 16, 10));
    }

    @Test
    void limitsParseAndPrintTheirOwnForm() {
        for (String s : new String[] { "15m", "2h", "15d", "7wd" }) assertThat(TimeLimit.parse(s).toString()).isEqualTo(s);
        assertThatThrownBy(() -> TimeLimit.parse("7 weeks")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7wd");
    }

    @Test
    void aYearWithoutItsArrangementIsKnownToBeMissing() {
        assertThat(CALENDAR_2026.knows(2026)).isTrue();
        assertThat(CALENDAR_2026.knows(2027)).isFalse();
    }
}

package org.hemei.casework;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.hemei.casework.WorkingCalendar.Kind;
import org.hemei.identity.AuditLog;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The holiday calendar as data: seeded with 2025–2026 as published, later years entered by an administrator. */
@Service
public class Calendars implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(Calendars.class);

    public record Day(LocalDate date, String kind, String name) {
    }

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final AtomicReference<WorkingCalendar> current = new AtomicReference<>(new WorkingCalendar(Map.of()));

    Calendars(JdbcClient jdbc, AuditLog audit) {
        this.jdbc = jdbc;
        this.audit = audit;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from calendar_day").query(Long.class).single() == 0) {
            seed();
        }
        reload();
        missingYearWarning().ifPresent(log::warn);
    }

    public WorkingCalendar current() {
        return current.get();
    }

    /** A warning while next year's arrangement is missing (it is published each November). */
    public java.util.Optional<String> missingYearWarning() {
        int next = LocalDate.now(TimeLimit.CHINA).getYear() + 1;
        return current.get().knows(next) ? java.util.Optional.empty()
                : java.util.Optional.of("尚未录入 " + next + " 年节假日安排，工作日计算按普通周末处理 / the " + next
                        + " holiday arrangement is not entered yet: working days in " + next + " count ordinary weekends only");
    }

    public List<Day> days(int year) {
        requireYear(year);
        return jdbc.sql("select calendar_date as date, kind, name from calendar_day where calendar_date between ? and ? order by calendar_date")
                .params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).query(Day.class).list();
    }

    /** Holiday arrangements are published year by year: a year far outside any plan is a slip. */
    private static void requireYear(int year) {
        if (year < 2000 || year > 2100) throw DomainException.badRequest("年份须在 2000–2100 之间 / year must be between 2000 and 2100: " + year);
    }

    /** Replaces a year's holidays and adjusted working days (all days must lie in that year). */
    @Transactional
    public void replaceYear(int year, List<Day> days) {
        requireYear(year);
        if (days == null) throw DomainException.badRequest("请提供当年的日期列表 / days is required");
        for (Day d : days) {
            if (d == null) throw DomainException.badRequest("日期列表中有空项 / days cannot contain null");
            if (d.date() == null || d.date().getYear() != year) {
                throw DomainException.badRequest("日期须在 " + year + " 年内 / every day must lie in " + year + ": " + d.date());
            }
            kind(d.kind());
            if (d.name() == null || d.name().isBlank()) throw DomainException.badRequest("请填写节日名称 / name is required for " + d.date());
            Limits.atMost(d.name().strip(), 40, "节日名称 name");
        }
        jdbc.sql("delete from calendar_day where calendar_date between ? and ?").params(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)).update();
        for (Day d : days) {
            jdbc.sql("insert into calendar_day(calendar_date, kind, name) values (?, ?, ?)").params(d.date(), kind(d.kind()).name(), d.name().strip()).update();
        }
        audit.record("CALENDAR_CHANGED", "calendar:" + year, days.size() + " days");
        reload();
    }

    private void reload() {
        Map<LocalDate, Kind> map = new HashMap<>();
        jdbc.sql("select calendar_date, kind from calendar_day").query((rs, i) -> map.put(rs.getObject(1, LocalDate.class),
                Kind.valueOf(rs.getString(2)))).list();
        current.set(new WorkingCalendar(map));
    }

    private static Kind kind(String kind) {
        try {
            return Kind.valueOf(kind.strip().toUpperCase());
        } catch (RuntimeException e) {
            throw DomainException.badRequest("kind 须为 holiday 或 workday / kind must be holiday or workday: " + kind);
        }
    }

    private void seed() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("casework/cn-holidays.csv").getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank()) continue;
                String[] f = line.split(",");
                jdbc.sql("insert into calendar_day(calendar_date, kind, name) values (?, ?, ?)")
                        .params(LocalDate.parse(f[0]), kind(f[1]).name(), f[2]).update();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException("bad date in casework/cn-holidays.csv", e);
        }
    }
}

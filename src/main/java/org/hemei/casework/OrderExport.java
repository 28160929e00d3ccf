package org.hemei.casework;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.organization.Unit;
import org.hemei.organization.Units;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.hemei.territory.Division;
import org.hemei.territory.Territory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A list of orders as a spreadsheet (台账), with the same filters and scope as the board: every matching order, not a
 * page of them, read and written row by row so a city's year fits in little memory. No requester's name or phone:
 * the file leaves the system. Headings and words are in the language of the page that asked; each export is audited.
 * <p>
 * A long list takes a while, so the file is written in the background ({@link #start}): the page shows how many rows
 * are written of how many, then the link. Only the person who asked gets the job and its file; files go after a day.
 */
@Service
public class OrderExport {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(OrderExport.class);

    /** INTERRUPTED: still RUNNING in its record, but not moved for {@link #STALE} (the server stopped meanwhile). */
    public enum State { RUNNING, DONE, FAILED, INTERRUPTED }

    /** A job as its page shows it. */
    public record Job(long id, State status, long total, long written, String error, String createdBy, OffsetDateTime createdAt,
            OffsetDateTime finishedAt) {
    }

    /** Files are kept this long, then removed with their job's record of them. */
    static final Duration KEPT = Duration.ofDays(1);
    /** A running export saves its count every few thousand rows, well under a second apart; this long without is a stop. */
    static final Duration STALE = Duration.ofMinutes(2);

    /** Rows kept in memory while writing; the rest go to a temporary file (POI's streaming workbook). */
    private static final int WINDOW = 200;
    /** Orders per sheet: an xlsx sheet holds 1,048,576 rows; a round million, then the next sheet. */
    static final int ROWS_PER_SHEET = 1_000_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(TimeLimit.CHINA);
    private static final List<String> HEADINGS = List.of("order.number", "order.title", "order.category", "order.status",
            "order.urgency", "order.channel", "order.place", "order.leadUnit", "order.received", "order.handleDue", "order.handledAt",
            "order.closedAt", "order.overdue");

    private final JdbcClient jdbc;
    private final JdbcClient jobs;
    private final TransactionTemplate readOnly;
    private final TransactionTemplate apart;
    private final Path dir;
    /** How often the job's row count is written down, in rows. */
    private final int progressEvery;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "order-export");
        t.setDaemon(true);
        return t;
    });
    private final Categories categories;
    private final Units units;
    private final Territory territory;
    private final MessageSource messages;
    private final AuditLog audit;
    private final Clock clock;

    OrderExport(DataSource dataSource, PlatformTransactionManager transactions, JdbcClient jobs, Categories categories, Units units,
            Territory territory, MessageSource messages, AuditLog audit, Clock clock, @Value("${hemei.exports.dir}") Path dir,
            @Value("${hemei.exports.progress-every:2000}") int progressEvery) {
        this.jobs = jobs;
        this.progressEvery = progressEvery;
        this.dir = dir.toAbsolutePath().normalize();
        // rows come a few hundred at a time (PostgreSQL reads by cursor only inside a transaction with a fetch size)
        JdbcTemplate streaming = new JdbcTemplate(dataSource);
        streaming.setFetchSize(500);
        this.jdbc = JdbcClient.create(streaming);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        // the count written down while the rows are read: its own short transaction beside the read-only one
        this.apart = new TransactionTemplate(transactions);
        this.apart.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.categories = categories;
        this.units = units;
        this.territory = territory;
        this.messages = messages;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Starts writing the orders the query finds, in the caller's scope and the page's language; returns the job at
     * once. The count comes first, so the page can say how far along it is.
     */
    public Job start(Orders.Query query) {
        Actor actor = Actor.current();
        Instant now = clock.instant();
        OrderFilter.Sql filter = OrderFilter.of(query, actor, categories, now);
        long total = jobs.sql("select count(*)" + filter.where()).params(filter.params()).query(Long.class).single();
        removeOld(now);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jobs.sql("insert into order_export(status, total, filter, created_by, created_at, updated_at) values ('RUNNING', ?, ?, ?, ?, ?)")
                .params(total, Limits.clip(describe(query), 1000), actor.username(), utc(now), utc(now)).update(key, "id");
        long id = key.getKey().longValue();
        audit.record("ORDERS_EXPORTED", "order-export:" + id, total + " orders, " + describe(query));
        Locale locale = LocaleContextHolder.getLocale();
        worker.submit(() -> run(id, filter, locale, now));
        return job(id);
    }

    /** The caller's own job; another's is not found (404), as if it did not exist. */
    public Job job(long id) {
        Instant stale = clock.instant().minus(STALE);
        return jobs.sql("select id, status, total, written, error, created_by, created_at, updated_at, finished_at from order_export"
                + " where id = ? and created_by = ?").params(id, Actor.current().username())
                .query((rs, i) -> {
                    State state = State.valueOf(rs.getString("status"));
                    boolean cutOff = state == State.RUNNING && rs.getObject("updated_at", OffsetDateTime.class).toInstant().isBefore(stale);
                    return new Job(rs.getLong("id"), cutOff ? State.INTERRUPTED : state, rs.getLong("total"), rs.getLong("written"),
                            rs.getString("error"), rs.getString("created_by"), rs.getObject("created_at", OffsetDateTime.class),
                            rs.getObject("finished_at", OffsetDateTime.class));
                }).optional()
                .orElseThrow(() -> DomainException.notFound("导出记录不存在 / no export " + id + " of yours"));
    }

    /** A finished file and the name it is downloaded under. */
    public record Download(Path path, String name) {
    }

    /** The finished file of the caller's own job. */
    public Download file(long id) {
        record Row(String status, String storageKey, OffsetDateTime createdAt) {
        }
        Row row = jobs.sql("select status, storage_key, created_at from order_export where id = ? and created_by = ?")
                .params(id, Actor.current().username()).query(Row.class).optional()
                .orElseThrow(() -> DomainException.notFound("导出记录不存在 / no export " + id + " of yours"));
        Path file = row.storageKey() == null ? null : dir.resolve(row.storageKey());
        if (!State.DONE.name().equals(row.status()) || file == null || !Files.exists(file)) {
            throw DomainException.notFound("导出文件不存在或已过期 / export " + id + " has no file (not finished, or removed after a day)");
        }
        return new Download(file, "工单-" + row.createdAt().atZoneSameInstant(TimeLimit.CHINA).toLocalDate() + "-" + id + ".xlsx");
    }

    private void run(long id, OrderFilter.Sql filter, Locale locale, Instant now) {
        String key = id + "-" + UUID.randomUUID() + ".xlsx";
        Path file = dir.resolve(key);
        LocaleContextHolder.setLocale(locale);
        try {
            Files.createDirectories(dir);
            long written;
            try (OutputStream out = Files.newOutputStream(file)) {
                written = write(filter, now, out, n -> apart.executeWithoutResult(
                        tx -> jobs.sql("update order_export set written = ?, updated_at = ? where id = ?").params(n, utc(clock.instant()), id)
                                .update()));
            }
            jobs.sql("update order_export set status = 'DONE', written = ?, storage_key = ?, finished_at = ? where id = ?")
                    .params(written, key, utc(clock.instant()), id).update();
        } catch (Exception e) {
            LOG.warn("Export {} failed", id, e);
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) { // the day's clean-up removes it
            }
            jobs.sql("update order_export set status = 'FAILED', error = ?, finished_at = ? where id = ?")
                    .params(Limits.clip(String.valueOf(e.getMessage()), 1000), utc(clock.instant()), id).update();
        } finally {
            LocaleContextHolder.resetLocaleContext();
        }
    }

    /** Writes the orders, newest first, as xlsx; tells {@code progress} the count now and then; returns how many. */
    private long write(OrderFilter.Sql filter, Instant now, OutputStream out, java.util.function.LongConsumer progress) throws IOException {
        try (SXSSFWorkbook book = new SXSSFWorkbook(WINDOW)) {
            Sheets sheets = new Sheets(book, ROWS_PER_SHEET, word("export.sheet"), HEADINGS.stream().map(this::word).toList());
            Names names = new Names();
            readOnly.executeWithoutResult(tx -> jdbc.sql("select o.number, coalesce(o.title, substring(o.text, 1, 30)), o.category_code,"
                    + " o.status, o.urgency, o.channel, o.division_code, o.lead_unit_id, o.received_at, o.handle_due_at, o.handled_at,"
                    + " o.closed_at" + filter.where() + " order by o.id desc").params(filter.params())
                    .query((RowCallbackHandler) rs -> {
                        row(sheets.next(), rs, names, now);
                        if (sheets.written() % progressEvery == 0) progress.accept(sheets.written());
                    }));
            book.write(out);
            return sheets.written();
        }
    }

    /** Files older than a day go, with the key that named them. */
    private void removeOld(Instant now) {
        OffsetDateTime before = utc(now.minus(KEPT));
        for (String key : jobs.sql("select storage_key from order_export where storage_key is not null and created_at < ?").param(before)
                .query(String.class).list()) {
            try {
                Files.deleteIfExists(dir.resolve(key));
            } catch (IOException e) {
                continue; // tried again at the next export
            }
            jobs.sql("update order_export set storage_key = null where storage_key = ?").param(key).update();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    /** The rows to write into: a sheet holds at most {@code perSheet} orders, then the next begins, headed again. */
    static final class Sheets {
        private final SXSSFWorkbook book;
        private final int perSheet;
        private final String name;
        private final List<String> headings;
        private Sheet sheet;
        private int written;

        Sheets(SXSSFWorkbook book, int perSheet, String name, List<String> headings) {
            this.book = book;
            this.perSheet = perSheet;
            this.name = name;
            this.headings = headings;
            start();
        }

        Row next() {
            if (written > 0 && written % perSheet == 0) start();
            return sheet.createRow(written++ % perSheet + 1);
        }

        int written() {
            return written;
        }

        private void start() {
            int n = book.getNumberOfSheets() + 1;
            sheet = book.createSheet(n == 1 ? name : name + " " + n);
            Row head = sheet.createRow(0);
            for (int c = 0; c < headings.size(); c++) head.createCell(c).setCellValue(headings.get(c));
            sheet.createFreezePane(0, 1);
        }
    }

    private void row(Row row, ResultSet rs, Names names, Instant now) throws SQLException {
        Status status = Status.valueOf(rs.getString(4));
        Instant due = instant(rs, 10), handled = instant(rs, 11);
        String[] cells = { rs.getString(1), rs.getString(2), categories.find(rs.getString(3)).map(Category::label).orElse(""),
                word("order.status." + status), word("order.urgency." + rs.getString(5)), word("order.channel." + rs.getString(6)),
                names.place(rs.getString(7)), names.unit(rs.getObject(8, Long.class)), time(instant(rs, 9)), time(due), time(handled),
                time(instant(rs, 12)), OrderFilter.overdue(status, due, handled, now) ? word("common.yes") : "" };
        for (int c = 0; c < cells.length; c++) row.createCell(c).setCellValue(cells[c] == null ? "" : cells[c]);
    }

    /** Names looked up once per export: a list repeats the same few places and units. */
    private final class Names {
        private final Map<String, String> places = new HashMap<>();
        private final Map<Long, String> unitNames = new HashMap<>();

        String place(String code) {
            if (code == null) return "";
            return places.computeIfAbsent(code, c -> String.join(" ", territory.path(c.length() > 12 ? c.substring(0, 12) : c).stream()
                    .skip(1).map(Division::shortName).toList()));
        }

        String unit(Long id) {
            return id == null ? "" : unitNames.computeIfAbsent(id, i -> units.find(i).map(Unit::getName).orElse(String.valueOf(i)));
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    private String word(String key) {
        return messages.getMessage(key, null, key, LocaleContextHolder.getLocale());
    }

    private static String describe(Orders.Query q) {
        return "statuses " + q.statuses() + ", division " + q.division() + ", overdue " + q.overdue() + ", q " + q.q()
                + ", awaiting " + q.awaitingDecisionOnly();
    }
}

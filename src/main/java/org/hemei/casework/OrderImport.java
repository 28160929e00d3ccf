package org.hemei.casework;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.hemei.casework.internal.TabularFile;
import org.hemei.casework.internal.WorkOrderRepository;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.shared.DomainException;
import org.hemei.shared.Limits;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.InputStreamSource;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bulk import of historical work orders from CSV or xlsx, for the 12345 centre.
 *
 * <p>The whole file is validated before anything is written: any bad row → 422 listing every problem (line and
 * reason), nothing imported. A valid file becomes an {@code order_import} record and a background job that writes
 * the orders in batches of {@value #BATCH} rows, one transaction per batch, counting progress on the record
 * ({@code GET /api/casework/imports/{id}}). A file of up to {@value #BATCH} rows is therefore all or nothing; a larger
 * one that fails midway (the database going away, a restart) keeps the batches already committed and is marked
 * FAILED — uploading the same file again finishes it, because imports are idempotent: a row whose {@code number}
 * was imported before is skipped, and so is a row without a number identical (received time, text, phone) to one
 * imported before. Imports run one at a time.
 *
 * <p>What an imported order is: channel IMPORT, created without routing, deadlines or notifications, with an IMPORT
 * step on its timeline. A row without a handling history (status blank or open) becomes an open order, RECEIVED —
 * or REGISTERED when its category is given — waiting for dispatch like any other. A row whose status says closed
 * becomes CLOSED and must give {@code closed_at}; its {@code feedback} is kept, whether it was resolved is unknown.
 * Statuses in between (dispatched, in progress…) are refused: the file has no units or deadlines to make them true.
 */
@Service
public class OrderImport {

    static final int BATCH = 500;
    private static final Logger log = LoggerFactory.getLogger(OrderImport.class);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(TimeLimit.CHINA);
    private static final Duration STALE = Duration.ofMinutes(10);

    /** The columns a file may have (header names, case and spaces ignored); others are ignored and reported. */
    public static final List<String> COLUMNS = List.of("number", "received_at", "title", "text", "category", "division_code", "district",
            "address", "status", "closed_at", "feedback", "requester_name", "requester_phone");

    private static final Set<String> OPEN = Set.of("", "open", "received", "registered", "未办结", "待办", "待处理", "受理", "已受理");
    private static final Set<String> CLOSED = Set.of("closed", "close", "已办结", "办结", "已结案", "结案", "已完成", "完成");

    private static final List<DateTimeFormatter> LOCAL_TIMES = List.of(DateTimeFormatter.ISO_LOCAL_DATE_TIME,
            strict("uuuu-M-d H:mm[:ss]"), strict("uuuu/M/d H:mm[:ss]"));
    private static final List<DateTimeFormatter> DATES = List.of(strict("uuuu-M-d"), strict("uuuu/M/d"));

    /** A problem with one row (line 1 is the header). */
    public record Problem(int line, String message) {
    }

    /** An import and how far it got. {@code status}: QUEUED, RUNNING, DONE, FAILED, or INTERRUPTED (no progress for 10 minutes). */
    public record ImportStatus(long id, String fileName, String format, String status, int total, int processed, int created,
            int skipped, int percent, List<String> ignoredColumns, String error, String createdBy, OffsetDateTime createdAt,
            OffsetDateTime finishedAt) {

        public boolean finished() {
            return status.equals("DONE") || status.equals("FAILED") || status.equals("INTERRUPTED");
        }
    }

    /** A validated row, ready to write. */
    record Item(int line, String number, Instant receivedAt, String title, String text, Category category, String divisionCode,
            String address, boolean closed, Instant closedAt, String feedback, String requesterName, String requesterPhone) {

        /** For rows without a number: the same received time, text and phone are the same order. */
        String key() {
            return number != null ? null : "import:" + Photos.sha256((receivedAt + "\n" + text + "\n"
                    + (requesterPhone == null ? "" : requesterPhone)).getBytes(StandardCharsets.UTF_8));
        }
    }

    private final WorkOrderRepository orders;
    private final Timeline timeline;
    private final Categories categories;
    private final Territory territory;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final Clock clock;
    private final long maxBytes;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "order-import");
        t.setDaemon(true);
        return t;
    });

    OrderImport(WorkOrderRepository orders, Timeline timeline, Categories categories, Territory territory, JdbcClient jdbc,
            TransactionTemplate tx, AuditLog audit, Clock clock, @Value("${hemei.imports.max-bytes:20971520}") long maxBytes) {
        this.orders = orders;
        this.timeline = timeline;
        this.categories = categories;
        this.territory = territory;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    /**
     * Validates the file and, when every row is good, starts importing it. 400 no file, 413 too large, 415 not CSV
     * UTF-8 or xlsx, 422 bad rows (every one listed, nothing imported).
     */
    public ImportStatus start(String fileName, long size, InputStreamSource content) {
        OrderAccess.requireCentre();
        if (content == null) throw DomainException.badRequest("请选择要导入的文件 file / file is required");
        if (size > maxBytes) throw tooLarge(size);
        byte[] bytes;
        try (InputStream in = content.getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > maxBytes) throw tooLarge(bytes.length);
        if (bytes.length == 0) throw DomainException.badRequest("文件为空 / the file is empty");

        TabularFile.Table table = TabularFile.read(bytes);
        List<Problem> problems = new ArrayList<>();
        table.problems().forEach(p -> problems.add(new Problem(p.line(), p.message())));
        Map<String, Integer> columns = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < table.header().size(); i++) {
            String name = table.header().get(i).strip().toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", "_");
            if (name.isEmpty()) continue;
            if (!COLUMNS.contains(name)) ignored.add(table.header().get(i).strip());
            else if (columns.putIfAbsent(name, i) != null) problems.add(new Problem(1, "列 " + name + " 重复 / column " + name + " appears twice"));
        }
        for (String required : List.of("received_at", "text")) {
            if (!columns.containsKey(required)) {
                problems.add(new Problem(1, "缺少必需的列 " + required + " / required column " + required + " is missing (columns: "
                        + String.join(", ", COLUMNS) + ")"));
            }
        }
        if (table.rows().isEmpty() && problems.isEmpty()) problems.add(new Problem(1, "文件中没有数据行 / the file has no data rows"));
        List<Item> items = new ArrayList<>();
        if (problems.stream().noneMatch(p -> p.line() == 1)) {
            Map<String, Integer> numbers = new HashMap<>();
            for (TabularFile.Row row : table.rows()) {
                Item item = validate(row, columns, table.header().size(), table.format(), numbers, problems);
                if (item != null) items.add(item);
            }
        }
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparingInt(Problem::line));
            throw DomainException.unprocessable("文件有 " + problems.size() + " 处问题，未导入任何工单 / " + problems.size()
                    + " problem(s) in the file: nothing was imported", problems);
        }

        Actor actor = Actor.current();
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        long id = tx.execute(s -> {
            jdbc.sql("insert into order_import(file_name, format, status, total, ignored_columns, created_by, created_at, updated_at)"
                    + " values (?, ?, 'QUEUED', ?, ?, ?, ?, ?)")
                    .params(fileName == null ? null : Limits.clip(fileName, 200), table.format(), items.size(),
                            ignored.isEmpty() ? null : Limits.clip(String.join(",", ignored), 500), actor.username(), now, now)
                    .update(keys, "id");
            long created = keys.getKey().longValue();
            audit.record("ORDERS_IMPORT_STARTED", "order-import:" + created, items.size() + " rows from " + fileName);
            return created;
        });
        worker.submit(() -> run(id, items, actor.username(), fileName));
        return status(id);
    }

    public ImportStatus status(long id) {
        OrderAccess.requireCentre();
        return jdbc.sql("select * from order_import where id = ?").param(id).query((rs, i) -> view(rs)).optional()
                .orElseThrow(() -> DomainException.notFound("导入记录不存在 / no import " + id));
    }

    public List<ImportStatus> recent(int limit) {
        OrderAccess.requireCentre();
        return jdbc.sql("select * from order_import order by id desc limit ?").param(limit).query((rs, i) -> view(rs)).list();
    }

    // ---- validation

    private Item validate(TabularFile.Row row, Map<String, Integer> columns, int width, String format, Map<String, Integer> numbers,
            List<Problem> problems) {
        int line = row.line();
        int before = problems.size();
        if ("csv".equals(format) && row.cells().size() != width) {
            problems.add(new Problem(line, "有 " + row.cells().size() + " 个字段，表头有 " + width + " 个 / has " + row.cells().size()
                    + " fields, the header has " + width));
            return null;
        }
        java.util.function.Function<String, String> cell = name -> {
            Integer i = columns.get(name);
            String v = i == null ? "" : row.cell(i).strip();
            return v.isEmpty() ? null : v;
        };
        String number = cell.apply("number");
        if (number != null) {
            if (number.length() > 60) problems.add(new Problem(line, "number 超过60字 / number longer than 60 characters"));
            Integer first = numbers.putIfAbsent(number, line);
            if (first != null) problems.add(new Problem(line, "编号 " + number + " 与第 " + first + " 行重复 / number " + number
                    + " is also on line " + first));
        }
        Instant receivedAt = time(cell.apply("received_at"), "received_at", line, problems);
        if (cell.apply("received_at") == null) problems.add(new Problem(line, "缺少受理时间 received_at / received_at is required"));
        else if (receivedAt != null && receivedAt.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
            problems.add(new Problem(line, "受理时间在未来 / received_at is in the future: " + cell.apply("received_at")));
        }
        String title = cell.apply("title");
        if (title != null && title.length() > 200) problems.add(new Problem(line, "标题超过200字 / title longer than 200 characters"));
        String text = cell.apply("text");
        if (text == null) problems.add(new Problem(line, "缺少诉求内容 text / text is required"));
        else if (text.length() > 4000) problems.add(new Problem(line, "诉求内容超过4000字 / text longer than 4,000 characters"));
        Category category = null;
        String code = cell.apply("category");
        if (code != null) {
            category = categories.find(code).orElse(null);
            if (category == null) problems.add(new Problem(line, "类别代码不存在 / unknown category: " + code));
        }
        String division = division(cell.apply("division_code"), cell.apply("district"), line, problems);
        String address = cell.apply("address");
        if (address != null && address.length() > 300) problems.add(new Problem(line, "地址超过300字 / address longer than 300 characters"));
        String status = cell.apply("status");
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        boolean closed = CLOSED.contains(s);
        if (!closed && !OPEN.contains(s)) {
            problems.add(new Problem(line, "状态 " + status + " 无法导入：只能是未办结（留空、RECEIVED、REGISTERED）或已办结（CLOSED）/ status "
                    + status + " cannot be imported: leave it blank (or RECEIVED, REGISTERED) for an open order, CLOSED for a closed"
                    + " one — the file has no units or deadlines for the states in between"));
        }
        Instant closedAt = time(cell.apply("closed_at"), "closed_at", line, problems);
        if (closed && cell.apply("closed_at") == null) {
            problems.add(new Problem(line, "已办结的工单须填写办结时间 closed_at / a closed order needs closed_at"));
        }
        if (!closed && cell.apply("closed_at") != null && OPEN.contains(s)) {
            problems.add(new Problem(line, "未办结的工单不应有办结时间 / closed_at given for an order that is not closed"));
        }
        if (closedAt != null && receivedAt != null && closedAt.isBefore(receivedAt)) {
            problems.add(new Problem(line, "办结时间早于受理时间 / closed_at is before received_at"));
        }
        String feedback = cell.apply("feedback");
        if (feedback != null && feedback.length() > 2000) problems.add(new Problem(line, "办理结果超过2000字 / feedback longer than 2,000 characters"));
        String name = cell.apply("requester_name");
        if (name != null && name.length() > 60) problems.add(new Problem(line, "诉求人姓名超过60字 / requester_name longer than 60 characters"));
        String typedPhone = cell.apply("requester_phone");
        String phone = org.hemei.identity.PersonalData.phone(typedPhone);
        if (phone != null && !org.hemei.identity.PersonalData.isPhone(phone)) {
            problems.add(new Problem(line, "电话号码格式不正确 / requester_phone is not a phone number: " + typedPhone));
        }
        if (problems.size() > before) return null;
        return new Item(line, number, receivedAt, title, text, category, division, address, closed, closedAt, feedback, name, phone);
    }

    /** A division code, or a district of Changsha by name; both given → they must agree. */
    private String division(String code, String district, int line, List<Problem> problems) {
        String districtCode = null;
        if (district != null) {
            Optional<Division> d = territory.all(Level.DISTRICT).stream()
                    .filter(x -> x.name().equals(district) || x.shortName().equals(district) || x.code().equals(district)).findFirst();
            if (d.isEmpty()) problems.add(new Problem(line, "区县不存在 / unknown district: " + district));
            else districtCode = d.get().code();
        }
        if (code != null) {
            if (!territory.exists(code)) {
                problems.add(new Problem(line, "区划代码不存在 / unknown division_code: " + code));
                return null;
            }
            if (districtCode != null && !code.startsWith(districtCode)) {
                problems.add(new Problem(line, "区划代码 " + code + " 不在 " + district + " / division_code " + code + " is not in " + district));
            }
            return code;
        }
        return districtCode;
    }

    /** ISO-8601 (with or without offset; local times are China time), {@code yyyy/M/d H:mm[:ss]} or a date. */
    private static Instant time(String value, String column, int line, List<Problem> problems) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException ignored) {
            // a local time, next
        }
        for (DateTimeFormatter f : LOCAL_TIMES) {
            try {
                return LocalDateTime.parse(value, f).atZone(TimeLimit.CHINA).toInstant();
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        for (DateTimeFormatter f : DATES) {
            try {
                return LocalDate.parse(value, f).atStartOfDay(TimeLimit.CHINA).toInstant();
            } catch (DateTimeParseException ignored) {
                // next format
            }
        }
        problems.add(new Problem(line, column + " 不是有效时间 / " + column + " is not a time (ISO-8601 or yyyy/M/d H:mm:ss): " + value));
        return null;
    }

    // ---- the job

    private void run(long id, List<Item> items, String actor, String fileName) {
        try {
            progress(id, "RUNNING", 0, 0, 0, null);
            int processed = 0;
            int created = 0;
            int skipped = 0;
            for (int from = 0; from < items.size(); from += BATCH) {
                List<Item> batch = items.subList(from, Math.min(items.size(), from + BATCH));
                int[] counts = tx.execute(s -> write(id, batch, actor, fileName));
                processed += batch.size();
                created += counts[0];
                skipped += counts[1];
                int p = processed, c = created, k = skipped;
                tx.executeWithoutResult(s -> progress(id, "RUNNING", p, c, k, null));
            }
            int p = processed, c = created, k = skipped;
            tx.executeWithoutResult(s -> progress(id, "DONE", p, c, k, null));
        } catch (RuntimeException e) {
            log.error("Order import {} failed", id, e);
            progress(id, "FAILED", -1, -1, -1, Limits.clip(String.valueOf(e.getMessage()), 1000));
        }
    }

    /** One batch: orders not imported before are created with their IMPORT step; returns {created, skipped}. */
    private int[] write(long importId, List<Item> batch, String actor, String fileName) {
        Set<String> known = new HashSet<>();
        List<String> numbers = batch.stream().map(Item::number).filter(n -> n != null).toList();
        if (!numbers.isEmpty()) {
            known.addAll(jdbc.sql("select external_number from work_order where external_number in (:n)").param("n", numbers)
                    .query(String.class).list());
        }
        List<String> keys = batch.stream().map(Item::key).filter(k -> k != null).toList();
        if (!keys.isEmpty()) {
            known.addAll(jdbc.sql("select idempotency_key from work_order where idempotency_key in (:k)").param("k", keys)
                    .query(String.class).list());
        }
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        int created = 0;
        for (Item item : batch) {
            String identity = item.number() != null ? item.number() : item.key();
            if (!known.add(identity)) continue;
            String number = "12345-" + DAY.format(item.receivedAt()) + "-" + String.format("%06d",
                    jdbc.sql("select nextval('work_order_number_seq')").query(Long.class).single());
            Intake.Demand demand = new Intake.Demand(item.title(), item.text(), item.category() == null ? null : item.category().code(),
                    null, null, item.requesterName(), item.requesterPhone(), null, null, null, null, item.address(),
                    item.divisionCode(), null, item.key());
            String note = "导入 #" + importId + (fileName == null ? "" : " " + fileName) + " 第 " + item.line() + " 行"
                    + (item.number() == null ? "" : "，原编号 " + item.number()) + " / import #" + importId + " line " + item.line()
                    + (item.number() == null ? "" : ", originally " + item.number());
            WorkOrder order = orders.save(WorkOrder.imported(number, item.number(), demand, item.category(), item.closed(),
                    item.receivedAt(), item.closedAt(), item.feedback(), actor, Limits.clip(note, 2000)));
            timeline.append(order.getId(), order.lastStep(), actor, now);
            created++;
        }
        return new int[] { created, batch.size() - created };
    }

    private void progress(long id, String status, int processed, int created, int skipped, String error) {
        OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
        boolean finished = !status.equals("RUNNING");
        if (processed < 0) {
            jdbc.sql("update order_import set status = ?, error = ?, updated_at = ?, finished_at = ? where id = ?")
                    .params(status, error, now, now, id).update();
        } else {
            jdbc.sql("update order_import set status = ?, processed = ?, created_count = ?, skipped_count = ?, error = ?,"
                    + " updated_at = ?, finished_at = ? where id = ?")
                    .params(status, processed, created, skipped, error, now, finished ? now : null, id).update();
        }
    }

    private ImportStatus view(java.sql.ResultSet rs) throws java.sql.SQLException {
        String status = rs.getString("status");
        OffsetDateTime updated = rs.getObject("updated_at", OffsetDateTime.class);
        if ((status.equals("RUNNING") || status.equals("QUEUED")) && updated.toInstant().plus(STALE).isBefore(clock.instant())) {
            status = "INTERRUPTED";
        }
        int total = rs.getInt("total");
        int processed = rs.getInt("processed");
        String ignored = rs.getString("ignored_columns");
        return new ImportStatus(rs.getLong("id"), rs.getString("file_name"), rs.getString("format"), status, total, processed,
                rs.getInt("created_count"), rs.getInt("skipped_count"), total == 0 ? 100 : processed * 100 / total,
                ignored == null ? List.of() : List.of(ignored.split(",")), rs.getString("error"), rs.getString("created_by"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("finished_at", OffsetDateTime.class));
    }

    private DomainException tooLarge(long size) {
        return new DomainException(HttpStatus.CONTENT_TOO_LARGE, String.format(Locale.ROOT,
                "导入文件不能超过 %.1f MB / an import file may be at most %.1f MB: received %.1f MB", maxBytes / 1048576.0,
                maxBytes / 1048576.0, size / 1048576.0));
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern).withResolverStyle(ResolverStyle.STRICT);
    }
}

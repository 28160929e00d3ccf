package org.hemei.bench;

import java.io.StringReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.postgresql.PGConnection;

/**
 * Overdue detection at scale. {@code seed} bulk-loads open, dispatched orders straight into PostgreSQL with COPY, in the
 * state a running system would hold them: status DISPATCHED or SIGNED, handling deadlines spread over the next hours,
 * warnings already raised for times that have passed, and {@code next_check_at} = the earliest pending time ahead (what
 * {@code WorkOrder.schedule()} sets and {@code DeadlineWatch} keeps moving on). A known set ({@code BENCH-T-…}) has its
 * handling deadline at one chosen instant T. {@code measure} then waits for the server's deadline watch and reports, for
 * the known set, supervision.created_at − deadline (the detection lag).
 *
 * <pre>
 * java -cp … org.hemei.bench.OpenOrders seed --orders 1000000 --known 1000 --in 300   # prints T
 * java -cp … org.hemei.bench.OpenOrders measure                                      # T is read back from the rows
 * </pre>
 * Options: --jdbc jdbc:postgresql://127.0.0.1:5432/hemei_bench, --db-user postgres, --reset (truncate all work orders
 * and what hangs off them first — only on a benchmark database), --hours 8 (deadline spread), --timeout 600 (measure).
 */
public final class OpenOrders {

    public static void main(String[] args) throws Exception {
        Map<String, String> o = OrderLoad.options(args);
        String url = o.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/hemei_bench");
        try (Connection c = DriverManager.getConnection(url, o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""))) {
            if (o.containsKey("seed")) seed(c, o);
            else if (o.containsKey("measure")) measure(c, o);
            else if (o.containsKey("rearm")) rearm(c, o);
            else if (o.containsKey("reset")) reset(c);
            else System.err.println("usage: OpenOrders seed [--orders N --known K --in SECONDS --reset] | measure | rearm [--in SECONDS] | reset");
        }
    }

    private static void seed(Connection c, Map<String, String> o) throws Exception {
        int n = Integer.parseInt(o.getOrDefault("orders", "1000000"));
        int known = Integer.parseInt(o.getOrDefault("known", "1000"));
        double hours = Double.parseDouble(o.getOrDefault("hours", "8"));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Instant t = now.plusSeconds(Long.parseLong(o.getOrDefault("in", "300"))).truncatedTo(ChronoUnit.SECONDS);
        List<Messages.Message> messages = Messages.load(Path.of(o.getOrDefault("csv", Messages.DEFAULT.toString())));
        try (Statement s = c.createStatement()) {
            if (o.containsKey("reset")) reset(c);
        }
        List<long[]> units = new ArrayList<>();
        List<String> unitDivision = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select id, division_code from unit where active order by id")) {
            while (rs.next()) {
                units.add(new long[] { rs.getLong(1) });
                unitDivision.add(rs.getString(2));
            }
        }
        List<String> categories = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select code from category where active order by code")) {
            while (rs.next()) categories.add(rs.getString(1));
        }
        if (units.isEmpty() || categories.isEmpty()) throw new IllegalStateException("start the server once first (schema, units, categories)");
        System.out.printf("seeding %,d open orders (%,d known, deadline T = %s, %d s from now), deadlines over %.0f h, %d units, %d categories%n",
                n, known, t, Duration.between(now, t).toSeconds(), hours, units.size(), categories.size());
        CopyWriter copy = new CopyWriter(c.unwrap(PGConnection.class));
        SplittableRandom r = new SplittableRandom(20261125);
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            boolean isKnown = i < known;
            Instant due;
            if (isKnown) due = t;
            else if (r.nextInt(100) < 5) due = now.minusSeconds(60 + r.nextLong(3 * 24 * 3600));  // already overdue, flagged
            else due = now.plusMillis(60_000 + r.nextLong((long) (hours * 3_600_000)));
            if (!isKnown && Math.abs(Duration.between(t, due).toMillis()) < 1000) due = due.plusSeconds(5); // keep T for the known set
            due = due.truncatedTo(ChronoUnit.MICROS);
            int u = r.nextInt(units.size());
            copy.row(i, isKnown, due, now, units.get(u)[0], unitDivision.get(u), categories.get(r.nextInt(categories.size())),
                    messages == null ? null : messages.get(r.nextInt(messages.size())), r);
            if ((i + 1) % 100_000 == 0) System.out.printf("  %,d rows (%.0f s)%n", i + 1, (System.nanoTime() - started) / 1e9);
        }
        copy.flush();
        try (Statement s = c.createStatement()) {
            s.execute("analyze work_order");
            ResultSet rs = s.executeQuery("select count(*), count(*) filter (where next_check_at is not null),"
                    + " count(*) filter (where next_check_at <= now() + interval '10 minutes') from work_order where status in ('DISPATCHED','SIGNED')");
            rs.next();
            System.out.printf("done in %.0f s: %,d open dispatched/signed orders, %,d watched, %,d due for a check within 10 min%n",
                    (System.nanoTime() - started) / 1e9, rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
        System.out.println("T = " + t + "  (known set: number like 'BENCH-T-%'; start the server now, then run: OpenOrders measure)");
    }

    /** COPY in chunks of 50,000 rows, text format. */
    private static final class CopyWriter {
        private static final String COLUMNS = "version, number, channel, status, title, text, category_code, urgency, major_hazard,"
                + " division_code, lead_unit_id, received_at, dispatched_at, sign_due_at, handle_due_at, signed_at, created_by,"
                + " sign_warn_at, handle_warn_at, next_check_at, sign_warned_for, sign_overdue_for, handle_warned_for, handle_overdue_for";
        private final PGConnection pg;
        private final StringBuilder b = new StringBuilder(1 << 24);
        private int rows;

        CopyWriter(PGConnection pg) {
            this.pg = pg;
        }

        void row(int i, boolean known, Instant handleDue, Instant now, long unit, String division, String category,
                Messages.Message m, SplittableRandom r) throws Exception {
            // Handling limit 1, 3, 5 or 10 days; dispatched that long before the deadline; 2 h to sign.
            long limitH = new long[] { 24, 72, 120, 240 }[r.nextInt(4)];
            Instant dispatched = handleDue.minus(Duration.ofHours(limitH));
            if (!dispatched.isBefore(now.minusSeconds(600))) dispatched = now.minusSeconds(600 + r.nextInt(3600));
            Instant received = dispatched.minusSeconds(60 + r.nextInt(1800));
            Instant signDue = dispatched.plus(Duration.ofHours(2));
            boolean signed = !signDue.isAfter(now) && r.nextInt(10) < 7;
            Instant signedAt = signed ? dispatched.plusSeconds(r.nextLong(Math.max(1, Duration.between(dispatched, signDue).toSeconds()))) : null;
            String status = signed ? "SIGNED" : "DISPATCHED";
            Instant signWarn = at80(dispatched, signDue);
            Instant handleWarn = at80(dispatched, handleDue);
            // What the watch has already raised, and the next time it must look (DeadlineWatch.nextAfter).
            Instant signWarnedFor = !signed && !signWarn.isAfter(now) ? signDue : null;
            Instant signOverdueFor = !signed && !signDue.isAfter(now) ? signDue : null;
            Instant handleWarnedFor = !handleWarn.isAfter(now) ? handleDue : null;
            Instant handleOverdueFor = !handleDue.isAfter(now) ? handleDue : null;
            Instant next = null;
            for (Instant x : signed ? new Instant[] { handleWarn, handleDue } : new Instant[] { signWarn, signDue, handleWarn, handleDue }) {
                if (x.isAfter(now) && (next == null || x.isBefore(next))) next = x;
            }
            String title = m == null ? "示例工单 " + i : m.title() == null ? "示例工单 " + i : m.title();
            String text = m == null ? "基准测试用的示例诉求 / synthetic benchmark demand " + i : m.text();
            field("0").field(known ? String.format("BENCH-T-%07d", i) : String.format("BENCH-%07d", i)).field("HOTLINE").field(status)
                    .field(title).field(text).field(category).field("NORMAL").field("f").field(division).field(Long.toString(unit))
                    .field(received).field(dispatched).field(signDue).field(handleDue).field(signedAt).field("bench")
                    .field(signWarn).field(handleWarn).field(next).field(signWarnedFor).field(signOverdueFor).field(handleWarnedFor)
                    .last(handleOverdueFor);
            if (++rows == 50_000) flush();
        }

        private static Instant at80(Instant from, Instant due) {
            return from.plusMillis(Duration.between(from, due).toMillis() * 8 / 10);
        }

        private CopyWriter field(Object v) {
            append(v);
            b.append('\t');
            return this;
        }

        private void last(Object v) {
            append(v);
            b.append('\n');
        }

        private void append(Object v) {
            if (v == null) {
                b.append("\\N");
                return;
            }
            String s = v.toString();
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '\\' -> b.append("\\\\");
                    case '\t' -> b.append("\\t");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append(ch);
                }
            }
        }

        void flush() throws Exception {
            if (rows == 0) return;
            pg.getCopyAPI().copyIn("copy work_order (" + COLUMNS + ") from stdin", new StringReader(b.toString()));
            b.setLength(0);
            rows = 0;
        }
    }

    private static void reset(Connection c) throws Exception {
        System.out.println("reset: truncating work orders, timelines, supervision, notifications, whistles");
        try (Statement s = c.createStatement()) {
            s.execute("truncate work_order, work_order_assist, work_order_event, supervision, notification, whistle, whistle_summons");
        }
    }

    /**
     * Another round on the same million rows: the known set gets a new deadline T (now + --in s, default 120), as if
     * just extended — warning already raised, overdue not yet, next check at T — and its earlier HANDLE_OVERDUE records
     * (with their notifications) are removed so {@code measure} sees only the new round.
     */
    private static void rearm(Connection c, Map<String, String> o) throws Exception {
        Instant t = Instant.now().plusSeconds(Long.parseLong(o.getOrDefault("in", "120"))).truncatedTo(ChronoUnit.SECONDS);
        try (var ps = c.prepareStatement("""
                with known as (select id from work_order where number like 'BENCH-T-%'),
                  gone_n as (delete from notification where work_order_id in (select id from known) and kind = 'SUPERVISION'),
                  gone_s as (delete from supervision where work_order_id in (select id from known) and kind = 'HANDLE_OVERDUE')
                update work_order set handle_due_at = ?, handle_warn_at = ?, handle_warned_for = ?, handle_overdue_for = null,
                  next_check_at = ?, version = version + 1 where id in (select id from known)""")) {
            var at = t.atOffset(java.time.ZoneOffset.UTC);
            ps.setObject(1, at);
            ps.setObject(2, at.minusHours(1));
            ps.setObject(3, at);
            ps.setObject(4, at);
            System.out.printf("re-armed %,d known orders: T = %s; now run: OpenOrders measure%n", ps.executeUpdate(), t);
        }
    }

    private static void measure(Connection c, Map<String, String> o) throws Exception {
        long timeout = Long.parseLong(o.getOrDefault("timeout", "600"));
        Instant t;
        int known;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "select min(handle_due_at), count(*) from work_order where number like 'BENCH-T-%'")) {
            rs.next();
            t = rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
            known = rs.getInt(2);
        }
        System.out.printf("known set: %,d orders due at T = %s (%+d s from now); waiting for HANDLE_OVERDUE on each (timeout %d s)%n",
                known, t, Duration.between(Instant.now(), t).toSeconds(), timeout);
        String q = "select extract(epoch from (s.created_at - w.handle_due_at)) from work_order w"
                + " join supervision s on s.work_order_id = w.id and s.kind = 'HANDLE_OVERDUE' where w.number like 'BENCH-T-%'";
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        double[] lags = new double[0];
        while (System.nanoTime() < deadline) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(q)) {
                List<Double> l = new ArrayList<>();
                while (rs.next()) l.add(rs.getDouble(1));
                lags = l.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            }
            long ahead = Duration.between(Instant.now(), t).toSeconds();
            System.out.printf("  %s: %,d of %,d flagged%s%n", Instant.now().truncatedTo(ChronoUnit.SECONDS), lags.length, known,
                    ahead > 0 ? " (T in " + ahead + " s)" : "");
            if (lags.length >= known) break;
            Thread.sleep(ahead > 15 ? 10_000 : 2_000);
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from supervision where kind = 'HANDLE_OVERDUE'"
                + " and work_order_id in (select id from work_order where number like 'BENCH-T-%') group by work_order_id having count(*) > 1")) {
            int dup = 0;
            while (rs.next()) dup++;
            System.out.println("orders flagged more than once: " + dup);
        }
        if (lags.length == 0) {
            System.out.println("no known order flagged within the timeout");
            return;
        }
        System.out.printf("detection lag (supervision.created_at − deadline) over %,d of %,d orders: min %.1f s, p50 %.1f s, p99 %.1f s, max %.1f s%s%n",
                lags.length, known, lags[0], pct(lags, 50), pct(lags, 99), lags[lags.length - 1],
                lags.length < known ? "  — " + (known - lags.length) + " NOT flagged within the timeout" : "");
        System.out.println("target: max ≤ 60 s → " + (lags.length == known && lags[lags.length - 1] <= 60 ? "met" : "NOT met"));
    }

    private static double pct(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}

package org.hemei.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load on {@code POST /api/casework/orders}: the texts of the TipDM messages replayed as new orders at a fixed
 * target rate. Request i is due at {@code start + i / rate}; its latency is measured from that due time, not from when
 * a free worker finally sent it, so a stalled server shows up in the percentiles (no coordinated omission). Every
 * request carries a unique Idempotency-Key; every 201 is logged as {@code key, id, csv row} for the crash check.
 *
 * <pre>
 * java -cp target/test-classes:$(cat target/bench.cp) org.hemei.bench.OrderLoad --rate 1000 --warmup 20 --duration 60
 * java -cp ... org.hemei.bench.OrderLoad verify --log target/bench/answered.tsv   # after a crash: nothing answered is lost
 * </pre>
 *
 * Options (defaults): --url http://127.0.0.1:8080, --key demo-resident, --client raw|jdk (raw = {@link RawHttp}, one
 * kept-alive socket per worker; jdk = java.net.http.HttpClient), --rate 1000 (orders/s), --warmup 20 (s, rate ramps
 * from 10% to 100%, not counted), --duration 60 (s, counted), --workers 256 (most requests in flight), --coords none|random (random = uniform
 * in lng 112.78–113.17, lat 28.14–28.46), --csv ../shared/data/tipdm/messages.csv, --log target/bench/answered.tsv,
 * --admin-key demo-admin (samples heap from /actuator/prometheus each second; "" = off), --jdbc / --db-user for verify.
 */
public final class OrderLoad {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*(\\d+)");

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        List<Messages.Message> messages = Messages.load(Path.of(o.getOrDefault("csv", Messages.DEFAULT.toString())));
        if (messages == null) return;
        if (o.containsKey("verify")) {
            verify(o, messages);
            return;
        }
        new OrderLoad(o, messages).run();
    }

    private final String url;
    private final String key;
    private final double rate;
    private final long warmupNanos;
    private final long durationNanos;
    private final int workers;
    private final boolean coords;
    private final boolean jdkClient;
    private final Path log;
    private final String adminKey;
    private final List<Messages.Message> messages;
    private final HttpClient http;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    private final Recorder latency = new Recorder(3);
    private final Recorder service = new Recorder(3);
    private final Histogram total = new Histogram(3);
    private final Histogram totalService = new Histogram(3);
    private final LongAdder created = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder measuredCreated = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();
    private final List<Long> heapSamples = new ArrayList<>();
    private volatile boolean done;
    private long start;

    private OrderLoad(Map<String, String> o, List<Messages.Message> messages) {
        this.url = o.getOrDefault("url", "http://127.0.0.1:8080");
        this.key = o.getOrDefault("key", "demo-resident");
        this.rate = Double.parseDouble(o.getOrDefault("rate", "1000"));
        this.warmupNanos = (long) (Double.parseDouble(o.getOrDefault("warmup", "20")) * 1e9);
        this.durationNanos = (long) (Double.parseDouble(o.getOrDefault("duration", "60")) * 1e9);
        this.workers = Integer.parseInt(o.getOrDefault("workers", "256"));
        this.coords = "random".equals(o.getOrDefault("coords", "none"));
        this.jdkClient = "jdk".equals(o.getOrDefault("client", "raw"));
        this.log = Path.of(o.getOrDefault("log", "target/bench/answered.tsv"));
        this.adminKey = o.getOrDefault("admin-key", "demo-admin");
        this.messages = messages;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    private void run() throws Exception {
        Files.createDirectories(log.toAbsolutePath().getParent());
        System.out.printf("OrderLoad %s: %s, %.0f orders/s, warm-up %ds (rate ramps up from 10%%) + %ds measured, %d workers (%s client), coordinates %s, %d messages,"
                + " log %s%n", runId, url, rate, warmupNanos / 1_000_000_000, durationNanos / 1_000_000_000, workers,
                jdkClient ? "java.net.http" : "raw socket",
                coords ? "random in Changsha" : "none", messages.size(), log);
        try (BufferedWriter out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            start = System.nanoTime() + 100_000_000;
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < workers; i++) {
                Thread t = new Thread(() -> work(out), "load-" + i);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            Thread heap = new Thread(this::sampleHeap, "heap");
            heap.setDaemon(true);
            heap.start();
            report();
            long stop = System.currentTimeMillis() + 40_000;
            for (Thread t : threads) t.join(Math.max(1, stop - System.currentTimeMillis()));
            done = true;
        }
        summary();
    }

    private void work(BufferedWriter out) {
        RawHttp raw = jdkClient ? null : new RawHttp(URI.create(url), 30_000);
        String headers = "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\nIdempotency-Key: ";
        long end = start + warmupNanos + durationNanos;
        while (true) {
            long i = next.getAndIncrement();
            long due = start + dueOffset(i);
            if (due >= end) return;
            // Past the end of the run, requests still queued are not sent but counted (the server could not keep up).
            if (System.nanoTime() > end + 2_000_000_000L) return;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) LockSupport.parkNanos(wait);
            sent.increment();
            boolean measured = due >= start + warmupNanos;
            Messages.Message m = messages.get((int) (i % messages.size()));
            String idem = runId + "-" + i;
            long sent = System.nanoTime();
            try {
                RawHttp.Response r = raw != null
                        ? raw.post("/api/casework/orders", headers + idem + "\r\n", json(m).getBytes(StandardCharsets.UTF_8))
                        : jdkSend(idem, m);
                long now = System.nanoTime();
                if (r.status() == 201) {
                    Matcher id = ID.matcher(r.body());
                    if (!id.find()) throw new IllegalStateException("201 without id: " + r.body());
                    synchronized (out) {
                        out.write(idem + "\t" + id.group(1) + "\t" + m.row() + "\n");
                    }
                    created.increment();
                    if (measured) {
                        measuredCreated.increment();
                        latency.recordValue(now - due);
                        service.recordValue(now - sent);
                    }
                } else {
                    errors.computeIfAbsent("HTTP " + r.status(), k -> new LongAdder()).increment();
                    if (errors.get("HTTP " + r.status()).sum() == 1) System.out.println("first HTTP " + r.status() + ": " + r.body());
                }
            } catch (Exception e) {
                errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
            }
        }
    }

    /** The same request through Java's HttpClient ({@code --client jdk}, as the first figures were measured). */
    private RawHttp.Response jdkSend(String idem, Messages.Message m) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/casework/orders"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Idempotency-Key", idem).POST(HttpRequest.BodyPublishers.ofString(json(m), StandardCharsets.UTF_8))
                .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new RawHttp.Response(r.statusCode(), r.body());
    }

    /**
     * When request i is due, in ns after the start: during the warm-up the rate ramps linearly from 10% to 100% of the
     * target (so neither JVM starts cold at full load), then stays at the target.
     */
    private long dueOffset(long i) {
        double w = warmupNanos / 1e9, r0 = rate * 0.1;
        double a = (rate - r0) / Math.max(w, 1e-9);
        double inWarmup = r0 * w + a * w * w / 2;
        double t = w > 0 && i < inWarmup ? (-r0 + Math.sqrt(r0 * r0 + 2 * a * i)) / a : w + (i - (w > 0 ? inWarmup : 0)) / rate;
        return (long) (t * 1e9);
    }

    private String json(Messages.Message m) {
        StringBuilder b = new StringBuilder(m.text().length() + 100).append('{');
        if (m.title() != null) b.append("\"title\":").append(quote(m.title())).append(',');
        b.append("\"text\":").append(quote(m.text()));
        if (coords) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            b.append(",\"lat\":").append(28.14 + r.nextDouble() * 0.32).append(",\"lng\":").append(112.78 + r.nextDouble() * 0.39);
        }
        return b.append('}').toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
                }
            }
        }
        return b.append('"').toString();
    }

    /** Every 5 s: orders created, the interval's rate and latency (from due time), errors so far. */
    private void report() {
        long end = start + warmupNanos + durationNanos;
        long last = created.sum();
        long lastAt = System.nanoTime();
        while (System.nanoTime() < end + 1_000_000_000L) {
            LockSupport.parkNanos(5_000_000_000L);
            Histogram l = latency.getIntervalHistogram();
            Histogram s = service.getIntervalHistogram();
            total.add(l);
            totalService.add(s);
            long c = created.sum();
            long now = System.nanoTime();
            System.out.printf("t=%5.1fs created %7d  rate %6.0f/s  p50 %6.1f ms  p99 %7.1f ms  max %7.1f ms  errors %s  heap %s%n",
                    (now - start) / 1e9, c, (c - last) * 1e9 / (now - lastAt), l.getValueAtPercentile(50) / 1e6,
                    l.getValueAtPercentile(99) / 1e6, l.getMaxValue() / 1e6, errorText(), lastHeap());
            last = c;
            lastAt = now;
        }
        total.add(latency.getIntervalHistogram());
        totalService.add(service.getIntervalHistogram());
    }

    private void summary() {
        double seconds = durationNanos / 1e9;
        System.out.println("---- measured window: " + seconds + " s after " + warmupNanos / 1e9 + " s warm-up");
        long planned = 0;
        while (dueOffset(planned) < warmupNanos + durationNanos) planned++;
        System.out.printf("target rate %.0f/s, achieved (201 due in window) %.1f/s, created in total %d, errors %s, not sent"
                + " (too far behind at the end) %d of %d%n", rate, measuredCreated.sum() / seconds, created.sum(), errorText(),
                planned - sent.sum(), planned);
        print("latency from due time (open loop)", total);
        print("service time (from send)", totalService);
        synchronized (heapSamples) {
            if (!heapSamples.isEmpty()) {
                List<Long> sorted = new ArrayList<>(heapSamples);
                sorted.sort(null);
                System.out.printf("server heap used (1 s samples, %d): median %.0f MB, max %.0f MB%n", sorted.size(),
                        sorted.get(sorted.size() / 2) / 1048576.0, sorted.get(sorted.size() - 1) / 1048576.0);
            }
        }
        System.out.println("answered 201 logged to " + log.toAbsolutePath());
    }

    private static void print(String what, Histogram h) {
        System.out.printf("%s: n=%d p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", what, h.getTotalCount(),
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(90) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }

    private String errorText() {
        Map<String, Long> m = new HashMap<>();
        errors.forEach((k, v) -> m.put(k, v.sum()));
        return m.isEmpty() ? "0" : m.toString();
    }

    private String lastHeap() {
        synchronized (heapSamples) {
            return heapSamples.isEmpty() ? "-" : String.format("%.0f MB", heapSamples.get(heapSamples.size() - 1) / 1048576.0);
        }
    }

    /** Heap in use on the server (sum of jvm_memory_used_bytes{area="heap"}), once a second while measuring. */
    private void sampleHeap() {
        if (adminKey.isBlank()) return;
        Pattern line = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*\\}\\s+(\\S+)", Pattern.MULTILINE);
        while (!done) {
            LockSupport.parkNanos(1_000_000_000L);
            if (System.nanoTime() < start + warmupNanos) continue;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + adminKey).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) continue;
                Matcher m = line.matcher(r.body());
                double sum = 0;
                while (m.find()) sum += Double.parseDouble(m.group(1));
                synchronized (heapSamples) {
                    heapSamples.add((long) sum);
                }
            } catch (Exception ignored) {
                // the server may be down (crash test)
            }
        }
    }

    /** Reads the answered log and checks each (key → id) in the database with its text: nothing answered is lost. */
    private static void verify(Map<String, String> o, List<Messages.Message> messages) throws Exception {
        Path log = Path.of(o.getOrDefault("log", "target/bench/answered.tsv"));
        Map<Integer, Messages.Message> byRow = new HashMap<>();
        for (Messages.Message m : messages) byRow.put(m.row(), m);
        List<String[]> answered = new ArrayList<>();
        for (String l : Files.readAllLines(log, StandardCharsets.UTF_8)) if (!l.isBlank()) answered.add(l.split("\t"));
        String jdbc = o.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:5432/hemei_bench");
        long found = 0;
        List<String> lost = new ArrayList<>();
        try (var c = java.sql.DriverManager.getConnection(jdbc, o.getOrDefault("db-user", "postgres"), o.getOrDefault("db-password", ""));
                var ps = c.prepareStatement("select idempotency_key, id, text from work_order where idempotency_key = any(?)")) {
            for (int from = 0; from < answered.size(); from += 1000) {
                List<String[]> batch = answered.subList(from, Math.min(answered.size(), from + 1000));
                ps.setArray(1, c.createArrayOf("varchar", batch.stream().map(a -> a[0]).toArray()));
                Map<String, String[]> rows = new HashMap<>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) rows.put(rs.getString(1), new String[] { rs.getString(2), rs.getString(3) });
                }
                for (String[] a : batch) {
                    String[] row = rows.get(a[0]);
                    Messages.Message m = byRow.get(Integer.parseInt(a[2]));
                    if (row != null && row[0].equals(a[1]) && m != null && m.text().equals(row[1])) found++;
                    else lost.add(a[0] + " → " + a[1] + (row == null ? " (missing)" : " (different id or text)"));
                }
            }
        }
        System.out.printf("answered: %d, found: %d, lost: %d%n", answered.size(), found, lost.size());
        lost.stream().limit(20).forEach(l -> System.out.println("  lost " + l));
        if (!lost.isEmpty()) System.exit(1);
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].startsWith("--")) {
                String k = args[i].substring(2);
                if (i + 1 < args.length && !args[i + 1].startsWith("--")) o.put(k, args[++i]);
                else o.put(k, "true");
            } else {
                o.put(args[i], "true");
            }
        }
        return o;
    }

}

package org.hemei.bench;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.hemei.HemeiApplication;
import org.hemei.casework.Duplicates;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Time per duplicate check (并单 proposal) with 100,000 open orders: the whole application on its embedded
 * database (or PostgreSQL when SPRING_DATASOURCE_URL is set), orders of the last week spread over the demo
 * grids' area, checks for new demands at random places with wording drawn from the same pool.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DuplicateCheckBenchmark {

    static final int OPEN_ORDERS = 100_000;
    static final String[] PROBLEMS = { "门口垃圾三天没人清运", "路灯不亮晚上很黑", "楼下饭店油烟扰民", "小区停车位被占用",
            "下水道堵塞污水外溢", "夜间施工噪音扰民", "人行道地砖破损", "公交站台被占道经营", "楼道堆放杂物", "绿化带被毁" };
    static final String[] PLACES = { "识字里小区", "韭菜园", "文艺新村", "东风路", "五一大道", "芙蓉路", "解放西路", "湘府小区" };
    static final String[] CATEGORIES = { "SANITATION", "ROAD", "NOISE", "ENCROACH", "PROPERTY" };

    ConfigurableApplicationContext context;
    Duplicates duplicates;
    final Random random = new Random(7);

    @Setup(Level.Trial)
    public void start() {
        context = SpringApplication.run(HemeiApplication.class, "--server.port=0",
                "--logging.level.root=WARN", "--hemei.casework.watch-interval=1h");
        duplicates = context.getBean(Duplicates.class);
        JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
        Random r = new Random(42);
        Timestamp now = Timestamp.from(Instant.now());
        for (int batch = 0; batch < OPEN_ORDERS / 5000; batch++) {
            List<Object[]> rows = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                int n = batch * 5000 + i;
                double lat = 28.14 + r.nextDouble() * 0.32, lng = 112.78 + r.nextDouble() * 0.39;
                rows.add(new Object[] { "BENCH-" + n, text(r), CATEGORIES[r.nextInt(CATEGORIES.length)], lat, lng,
                        "430102001001" + String.format("%03d", 1 + r.nextInt(4)),
                        Timestamp.from(Instant.now().minusSeconds(r.nextInt(6 * 86400))), now });
            }
            jdbc.batchUpdate("insert into work_order(number, channel, status, text, category_code, urgency, lat, lng, division_code,"
                    + " received_at, created_by) values (?, 'WEB', 'DISPATCHED', ?, ?, 'NORMAL', ?, ?, ?, ?, 'bench')",
                    rows.stream().map(a -> new Object[] { a[0], a[1], a[2], a[3], a[4], a[5], a[6] }).toList());
        }
    }

    static String text(Random r) {
        return PLACES[r.nextInt(PLACES.length)] + PROBLEMS[r.nextInt(PROBLEMS.length)] + "，希望尽快处理";
    }

    @Benchmark
    public List<Duplicates.Candidate> checkAtARandomPlace() {
        double lat = 28.14 + random.nextDouble() * 0.32, lng = 112.78 + random.nextDouble() * 0.39;
        return duplicates.find(null, text(random), CATEGORIES[random.nextInt(CATEGORIES.length)], null, lat, lng, null);
    }

    @Benchmark
    public List<Duplicates.Candidate> checkInABusyGrid() {
        return duplicates.find(null, text(random), CATEGORIES[random.nextInt(CATEGORIES.length)],
                "430102001001" + String.format("%03d", 1 + random.nextInt(4)), null, null, null);
    }

    @TearDown(Level.Trial)
    public void stop() {
        context.close();
    }
}

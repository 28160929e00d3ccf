package org.hemei.duty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.hemei.shared.DomainException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The community access list, burden-reduction list and forbidden certificates: seeded from {@code duty/access-list.csv}. */
@Service
public class AccessList implements ApplicationRunner {

    static final String SEED = "duty/access-list.csv";
    private static final String COLUMNS = "code, name, kind, batch, basis, active, source";

    private final JdbcClient jdbc;
    private final Clock clock;

    AccessList(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (jdbc.sql("select count(*) from access_item").query(Long.class).single() == 0) {
            seed();
        }
    }

    /** The items, optionally of one kind and batch, in code order. */
    public List<AccessItem> items(AccessKind kind, Integer batch) {
        String where = (kind == null ? "" : " and kind = :kind") + (batch == null ? "" : " and batch = :batch");
        var sql = jdbc.sql("select " + COLUMNS + " from access_item where 1 = 1" + where + " order by kind, code");
        if (kind != null) sql = sql.param("kind", kind.name());
        if (batch != null) sql = sql.param("batch", batch);
        return sql.query(AccessItem.class).list();
    }

    public Optional<AccessItem> find(String code) {
        return code == null ? Optional.empty()
                : jdbc.sql("select " + COLUMNS + " from access_item where code = ?").params(code.strip()).query(AccessItem.class).optional();
    }

    /** Lists an item (after an approved application). */
    void add(AccessItem item) {
        if (find(item.code()).isPresent()) throw DomainException.conflict("准入事项编码已存在 / access item exists: " + item.code());
        insert(item);
    }

    /** Takes an item off the list (it stays on record, inactive). */
    void deactivate(String code) {
        jdbc.sql("update access_item set active = false where code = ?").params(code).update();
    }

    private void insert(AccessItem item) {
        jdbc.sql("insert into access_item(code, name, kind, batch, basis, active, source, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(item.code(), item.name(), item.kind().name(), item.batch(), item.basis(), item.active(), item.source(),
                        OffsetDateTime.now(clock))
                .update();
    }

    private void seed() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ClassPathResource(SEED).getInputStream(),
                StandardCharsets.UTF_8))) {
            in.readLine();
            int n = 1;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank()) continue;
                String[] f = line.split(",", -1);
                if (f.length != 5) throw new IllegalStateException(SEED + " line " + n + ": expected 5 fields");
                AccessKind kind = AccessKind.valueOf(f[1].strip());
                Integer batch = f[2].isBlank() ? null : Integer.valueOf(f[2].strip());
                if ((kind == AccessKind.REMOVED_BURDEN) != (batch != null)) {
                    throw new IllegalStateException(SEED + " line " + n + ": a batch is given for removed burdens, and only for them");
                }
                insert(new AccessItem(f[0].strip(), f[3].strip(), kind, batch, f[4].strip(), true, "LIST"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.hemei.territory.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Loads Changsha's 9 districts, 172 streets/towns and 1,649 communities/villages on first start. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class DivisionLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DivisionLoader.class);
    private static final String DIR = "territory/divisions/";

    private final JdbcClient jdbc;
    private final Territory territory;
    private final TransactionTemplate tx;
    private final LocationIndex index;

    DivisionLoader(JdbcClient jdbc, Territory territory, TransactionTemplate tx, LocationIndex index) {
        this.jdbc = jdbc;
        this.territory = territory;
        this.tx = tx;
        this.index = index;
    }

    @Override
    public void run(ApplicationArguments args) {
        long count = jdbc.sql("select count(*) from division").query(Long.class).single();
        if (count == 0) {
            tx.executeWithoutResult(s -> load());
        }
        territory.reload();
        index.rebuild();
        log.info("Territory: {} divisions", territory.size());
    }

    private void load() {
        List<Division> divisions = new ArrayList<>();
        divisions.add(new Division("430100", "长沙市", "长沙市", Level.CITY, "city", null));
        for (String[] r : read("changsha-districts.csv")) {
            divisions.add(new Division(r[0], r[1], r[1], Level.DISTRICT, "district", "430100"));
        }
        for (String[] r : read("changsha-streets.csv")) {
            divisions.add(new Division(r[0], r[1], r[1], Level.STREET, streetKind(r[1]), r[2]));
        }
        for (String[] r : read("changsha-communities.csv")) {
            divisions.add(new Division(r[0], r[1], shortCommunityName(r[1]), Level.COMMUNITY, communityKind(r[1]), r[2]));
        }
        for (Division d : divisions) {
            jdbc.sql("insert into division(code, name, short_name, level, kind, parent_code) values (?, ?, ?, ?, ?, ?)")
                    .params(d.code(), d.name(), d.shortName(), d.level().name(), d.kind(), d.parentCode()).update();
        }
        log.info("Loaded {} divisions of Changsha from {}", divisions.size(), DIR);
    }

    static String streetKind(String name) {
        if (name.endsWith("街道")) return "street";
        if (name.endsWith("镇")) return "town";
        if (name.endsWith("乡")) return "township";
        return "area"; // development zones and the like
    }

    static String communityKind(String name) {
        return name.contains("社区") ? "community" : "village";
    }

    /** 识字里社区居委会 → 识字里社区, 罗巷新村村民委委会 → 罗巷新村, 双河村委会 → 双河村: the name people write. */
    static String shortCommunityName(String name) {
        for (String suffix : new String[] { "居民委员会", "居委会", "村民委员会", "村民委委会", "村委会", "委员会" }) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                return suffix.startsWith("村") && !base.endsWith("村") ? base + "村" : base;
            }
        }
        return name;
    }

    private static List<String[]> read(String file) {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource(DIR + file).getInputStream(), StandardCharsets.UTF_8))) {
            in.readLine(); // header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) rows.add(line.strip().split(","));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + DIR + file, e);
        }
        return rows;
    }
}

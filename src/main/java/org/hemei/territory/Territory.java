package org.hemei.territory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The administrative tree, held in memory: ~1,800 rows of reference data read far more often than they
 * change, so lookups, children and search never touch the database. {@link #reload()} after a change.
 */
@Service
public class Territory {

    private record Tree(Map<String, Division> byCode, Map<String, List<Division>> children) {
    }

    private final JdbcClient jdbc;
    private final AtomicReference<Tree> tree = new AtomicReference<>(new Tree(Map.of(), Map.of()));

    public Territory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void reload() {
        List<Division> all = jdbc.sql("select code, name, short_name, level, kind, parent_code from division order by code")
                .query((rs, i) -> new Division(rs.getString(1), rs.getString(2), rs.getString(3),
                        Level.valueOf(rs.getString(4)), rs.getString(5), rs.getString(6)))
                .list();
        Map<String, Division> byCode = new LinkedHashMap<>();
        Map<String, List<Division>> children = new LinkedHashMap<>();
        for (Division d : all) {
            byCode.put(d.code(), d);
            if (d.parentCode() != null) children.computeIfAbsent(d.parentCode(), k -> new ArrayList<>()).add(d);
        }
        tree.set(new Tree(Collections.unmodifiableMap(byCode), Collections.unmodifiableMap(children)));
    }

    public Optional<Division> find(String code) {
        return Optional.ofNullable(code).map(c -> tree.get().byCode().get(c));
    }

    public Division get(String code) {
        return find(code).orElseThrow(() -> DomainException.notFound("区划代码不存在 / no division with code " + code));
    }

    public boolean exists(String code) {
        return code != null && tree.get().byCode().containsKey(code);
    }

    public List<Division> children(String code) {
        get(code);
        return tree.get().children().getOrDefault(code, List.of());
    }

    /** From the city down to this division, itself included. */
    public List<Division> path(String code) {
        List<Division> path = new ArrayList<>();
        for (String c = code; c != null; c = Division.parentOf(c)) {
            find(c).ifPresent(d -> path.add(0, d));
            if (Level.ofCode(c) == Level.CITY) break;
        }
        return path;
    }

    public List<Division> all(Level level) {
        return tree.get().byCode().values().stream().filter(d -> d.level() == level).toList();
    }

    public int size() {
        return tree.get().byCode().size();
    }

    /**
     * What a person typed into a place field: a code, or the name of exactly one place, in full, as people write it or
     * without its level word (文艺路街道 or 文艺路; 识字里社区居委会, 识字里社区 or 识字里). 400 naming the candidates when the name fits several, or none.
     */
    public Division resolve(String codeOrName) {
        String text = codeOrName.strip();
        Optional<Division> coded = find(text);
        if (coded.isPresent()) return coded.get();
        List<Division> named = tree.get().byCode().values().stream()
                .filter(d -> d.name().equals(text) || text.equals(d.shortName()) || bare(d.name()).equals(text)
                        || d.shortName() != null && bare(d.shortName()).equals(text)).toList();
        if (named.size() == 1) return named.get(0);
        if (named.isEmpty()) {
            throw DomainException.badRequest("没有名为或代码为「" + text + "」的区划，请输入名称后从列表中选择 / no place is named or coded "
                    + text + ": type part of its name and pick it from the list");
        }
        String which = String.join("、", named.stream().limit(5).map(d -> path(d.code()).stream().skip(1).map(Division::name)
                .collect(java.util.stream.Collectors.joining(" "))).toList());
        throw DomainException.badRequest("有 " + named.size() + " 处区划名为「" + text + "」（" + which + "），请从列表中选择 / "
                + named.size() + " places are named " + text + ": pick one from the list");
    }

    /**
     * What a place field shows for a code: the division's name where typing that name finds it again (识字里社区居委会),
     * else the code (a name several places share, a grid); anything else as it is.
     */
    public String field(String code) {
        Optional<Division> division = find(code);
        if (division.isEmpty()) return code;
        try {
            return resolve(division.get().name()).code().equals(code) ? division.get().name() : code;
        } catch (DomainException shared) {
            return code;
        }
    }

    /** A name without its level word, as people say it: 文艺路街道 → 文艺路, 芙蓉区 → 芙蓉, 识字里社区 → 识字里. */
    private static String bare(String name) {
        String bare = name.replaceFirst("(街道|社区|村|镇|乡|区|县|市)$", "");
        return bare.length() >= 2 ? bare : name;
    }

    /** Divisions whose name or code contains the query, the higher levels first. */
    public Paging<Division> search(String q, Level level, int page, int size) {
        String query = q == null ? "" : q.strip();
        List<Division> hits = tree.get().byCode().values().stream()
                .filter(d -> level == null || d.level() == level)
                .filter(d -> query.isEmpty() || d.name().contains(query) || d.code().startsWith(query))
                .sorted(Comparator.comparing(Division::level).thenComparing(Division::code))
                .toList();
        int from = (int) Math.min(hits.size(), (long) page * size);
        return new Paging<>(hits.subList(from, Math.min(hits.size(), from + size)), page, size, hits.size());
    }
}

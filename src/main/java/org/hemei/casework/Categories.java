package org.hemei.casework;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.hemei.shared.DomainException;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The category catalogue, seeded from casework/categories.csv on first start and held in memory. */
@Service
public class Categories implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final AtomicReference<Map<String, Category>> byCode = new AtomicReference<>(Map.of());

    Categories(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String[]> catalogue = catalogue();
        if (jdbc.sql("select count(*) from category").query(Long.class).single() == 0) seed(catalogue);
        fillKeywords(catalogue);
        Map<String, Category> map = new LinkedHashMap<>();
        jdbc.sql("select code, name, name_en, level1, kind, sign_limit, handle_limit, lead, assisting, verify, emergency_plan, keywords"
                + " from category where active order by code")
                .query((rs, i) -> new Category(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Category.Kind.valueOf(rs.getString(5)), TimeLimit.parse(rs.getString(6)), TimeLimit.parse(rs.getString(7)),
                        rs.getString(8), list(rs.getString(9)), rs.getBoolean(10), list(rs.getString(11)), list(rs.getString(12))))
                .list().forEach(c -> map.put(c.code(), c));
        byCode.set(Map.copyOf(map));
    }

    public List<Category> all() {
        return byCode.get().values().stream().sorted(java.util.Comparator.comparing(Category::code)).toList();
    }

    public Optional<Category> find(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byCode.get().get(code));
    }

    /** A category's name in the page's language, for lists that carry only its code; the code when unknown. */
    public String label(String code) {
        return code == null ? null : find(code).map(Category::label).orElse(code);
    }

    public Category get(String code) {
        return find(code).orElseThrow(() -> DomainException.badRequest("未知的诉求类别 / unknown category: " + code));
    }

    private static List<String> list(String s) {
        return s == null || s.isBlank() ? List.of() : Arrays.stream(s.split(";")).map(String::strip).toList();
    }

    /** The rows of casework/categories.csv after its header. */
    private static List<String[]> catalogue() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new ClassPathResource("casework/categories.csv").getInputStream(), StandardCharsets.UTF_8))) {
            return in.lines().skip(1).filter(l -> !l.isBlank()).map(l -> l.split(",", -1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void seed(List<String[]> catalogue) {
        for (String[] f : catalogue) {
            jdbc.sql("insert into category(code, name, name_en, level1, kind, sign_limit, handle_limit, lead, assisting,"
                    + " verify, emergency_plan) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], Boolean.parseBoolean(f[9]), f[10]).update();
        }
    }

    /** Keywords came after the first catalogues were seeded: a category without any takes the shipped ones. */
    private void fillKeywords(List<String[]> catalogue) {
        for (String[] f : catalogue) {
            jdbc.sql("update category set keywords = ? where code = ? and keywords = ''").params(f[11], f[0]).update();
        }
    }
}

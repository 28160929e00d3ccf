package org.hemei.duty;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hemei.identity.Actor;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * On first start, the city template from {@code duty/street-list-template.csv} (illustrative), effective 2025-01-01;
 * in the demo, 文艺路街道's own version too. Runs when the application is ready, after casework has loaded the
 * categories the items are checked against.
 */
@Component
class StreetListSeed {

    static final String TEMPLATE_SEED = "duty/street-list-template.csv";
    static final LocalDate TEMPLATE_FROM = LocalDate.of(2025, 1, 1);
    static final String DEMO_STREET = "430102001";
    static final LocalDate DEMO_FROM = LocalDate.of(2025, 7, 1);

    private final StreetLists lists;
    private final StreetListFile files;
    private final Environment environment;

    StreetListSeed(StreetLists lists, StreetListFile files, Environment environment) {
        this.lists = lists;
        this.files = files;
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void seed() {
        if (!lists.hasAny(StreetLists.TEMPLATE)) {
            lists.publish(StreetLists.TEMPLATE, TEMPLATE_FROM, TEMPLATE_SEED, template(), Actor.SYSTEM.username());
        }
        if (environment.matchesProfiles("demo") && !lists.hasAny(DEMO_STREET)) {
            lists.publish(DEMO_STREET, DEMO_FROM, "文艺路街道履职事项清单（示例）.xlsx", demoStreet(template()), Actor.SYSTEM.username());
        }
    }

    /** The template's items, validated like an uploaded file (a bad seed stops the start with the problems). */
    List<StreetListItem> template() {
        List<StreetListFile.Line> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ClassPathResource(TEMPLATE_SEED).getInputStream(),
                StandardCharsets.UTF_8))) {
            int n = 0;
            boolean header = true;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(new StreetListFile.Line(n, Arrays.asList(line.split(",", -1))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> columns = Arrays.stream(StreetListFile.Column.values()).map(StreetListFile.Column::header).toList();
        StreetListFile.Parsed parsed = files.parse(new StreetListFile.Table(columns, rows));
        if (!parsed.problems().isEmpty()) throw new IllegalStateException(TEMPLATE_SEED + ": " + parsed.problems());
        return parsed.items();
    }

    /** 文艺路街道 (illustrative): leads on bar-street noise itself and adds a historic-district item. */
    private static List<StreetListItem> demoStreet(List<StreetListItem> template) {
        List<StreetListItem> items = new ArrayList<>(template.stream().filter(i -> !i.categories().contains("NOISE")).toList());
        items.add(new StreetListItem("WY-01", "文艺路酒吧街夜间噪声和经营秩序联合巡查（示例）",
                "《中华人民共和国噪声污染防治法》；文艺路街道党工委会议决定（示例）", StreetRole.LEAD,
                List.of("SHENGTAI_HUANJING", "GONGAN", "CHENGGUAN"), List.of("NOISE")));
        items.add(new StreetListItem("WY-02", "历史文化街区保护巡查和报告（示例）", "《历史文化名城名镇名村保护条例》",
                StreetRole.ASSIST, List.of("WENLV", "ZHUJIAN"), List.of()));
        return items;
    }
}

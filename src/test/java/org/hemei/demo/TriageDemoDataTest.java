package org.hemei.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hemei.ApiTestSupport;
import org.hemei.casework.Categories;
import org.hemei.triage.TriageModels;
import org.hemei.triage.TriageModels.ModelVersion;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The demo's first category model: trained on the synthetic messages at the first start, active, proposing the
 * catalogue's category groups at intake, and trained once only. Its own empty database, since the shared test
 * database holds other tests' examples (and the demo trains only into an empty store).
 */
@TestPropertySource(properties = { "hemei.demo.triage-model=true", "hemei.demo.orders=true", TriageDemoDataTest.OWN_DATABASE })
class TriageDemoDataTest extends ApiTestSupport {

    /** Shared with {@link CaseworkDemoDataTest}: the same properties, so one context serves both. */
    static final String OWN_DATABASE = "spring.datasource.url=jdbc:h2:mem:demo-triage;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    @Autowired
    TriageModels models;

    @Autowired
    TriageDemoData demo;

    @Autowired
    Categories categories;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @Test
    void theFirstStartTrainsAnActiveModelThatClassifiesIntoTheCataloguesGroups() throws Exception {
        ModelVersion version = awaitVersion();
        assertThat(version.active()).isTrue();
        assertThat(version.createdBy()).isEqualTo("system");
        assertThat(models.trainings(0, 10).items()).singleElement().satisfies(t -> assertThat(t.reason()).isEqualTo("DEMO"));
        Set<String> groups = categories.all().stream().map(org.hemei.casework.Category::level1).collect(Collectors.toSet());
        assertThat(version.labels()).containsExactlyInAnyOrderElementsOf(groups);

        // wordings the templates do not have
        assertThat(category("家里没水了", "岳麓区洋湖街道的小区从昨天起停水，也没贴通知")).isEqualTo("城乡建设");
        assertThat(category("老板跑路", "在开福区一个工地打工，包工头欠了我们三个月工钱")).isEqualTo("劳动和社会保障");
        assertThat(category("烧烤店太吵太呛", "楼下烧烤店的油烟和噪声一直到半夜")).isEqualTo("环境保护");

        // the words shown to the operator are words, not the n-grams that straddle two (了一, 请尽)
        JsonNode lamp = classify("", "芙蓉区文艺路街道识字里社区3栋楼道灯坏了一个星期，晚上很黑，老人上下楼不安全，请尽快维修。");
        assertThat(texts(lamp.path("words"))).contains("楼道").doesNotContain("了一", "请尽");

        demo.run(null); // a restart with models in the store trains nothing more
        assertThat(models.trainings(0, 10).items()).hasSize(1);
        assertThat(models.versions(0, 10).items()).hasSize(1);

        // a stop during the first training left the examples without a model: the next start trains them again
        long examplesStored = jdbc.sql("select count(*) from triage_example").query(Long.class).single();
        jdbc.sql("delete from triage_training").update();
        jdbc.sql("delete from triage_model").update();
        demo.run(null);
        assertThat(models.trainings(0, 10).items()).singleElement().satisfies(t -> assertThat(t.reason()).isEqualTo("DEMO"));
        assertThat(awaitVersion().active()).isTrue();
        assertThat(jdbc.sql("select count(*) from triage_example").query(Long.class).single()).isEqualTo(examplesStored);
    }

    @Test
    void theDemoMessagesCoverEveryGroupOfTheCatalogueAndNothingElse() throws Exception {
        Map<String, Long> perLabel;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(TriageDemoData.FILE)) {
            perLabel = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .map(l -> l.substring(l.lastIndexOf(',') + 1)).collect(Collectors.groupingBy(l -> l, Collectors.counting()));
        }
        assertThat(new TreeSet<>(perLabel.keySet()))
                .isEqualTo(new TreeSet<>(categories.all().stream().map(org.hemei.casework.Category::level1).toList()));
        assertThat(perLabel.values()).allSatisfy(n -> assertThat(n).isGreaterThanOrEqualTo(20));
    }

    private ModelVersion awaitVersion() throws InterruptedException {
        for (int i = 0; i < 1200 && models.versions(0, 1).total() == 0; i++) Thread.sleep(100);
        assertThat(models.versions(0, 10).items()).as("the demo model after two minutes").hasSize(1);
        return models.versions(0, 1).items().get(0);
    }

    private String category(String title, String body) throws Exception {
        return classify(title, body).path("top").get(0).path("category").asText();
    }

    private JsonNode classify(String title, String body) throws Exception {
        return call(json(post("/api/triage/classify"), Map.of("title", title, "body", body)).with(as("dispatcher")), 200);
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}

package org.hemei.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hemei.casework.Channel;
import org.hemei.casework.Satisfaction;
import org.hemei.casework.Status;
import org.hemei.casework.Urgency;
import org.hemei.casework.Whistles;
import org.hemei.duty.DispatchDecisions;
import org.hemei.duty.PropertyEvaluations;
import org.hemei.duty.StreetRole;
import org.hemei.identity.Role;
import org.hemei.organization.PartyOrganization;
import org.hemei.organization.UnitKind;
import org.hemei.territory.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every text a page asks for exists in Chinese and in English, so no page shows a raw key like ??x.y_zh_CN??. */
class MessageBundlesTest {

    private static final Path RESOURCES = Path.of("src/main/resources");
    /** A literal key: #{a.b} or #{a.b(${x})}. */
    private static final Pattern STATIC_KEY = Pattern.compile("#\\{([a-zA-Z][\\w.]*)[}(]");
    /** A key built from a value: #{'a.b.' + ${x}}. */
    private static final Pattern PREFIX_KEY = Pattern.compile("#\\{'([a-zA-Z][\\w.]*\\.)' *\\+");
    /** Prefixes whose values are an enum's constants: each constant needs its text. */
    private static final Map<String, Class<? extends Enum<?>>> ENUM_PREFIXES = Map.ofEntries(
            Map.entry("dispatch.finding.", DispatchDecisions.FindingKind.class),
            Map.entry("order.status.", Status.class),
            Map.entry("order.urgency.", Urgency.class),
            Map.entry("order.channel.", Channel.class),
            Map.entry("order.satisfaction.", Satisfaction.class),
            Map.entry("whistle.rating.", Whistles.Rating.class),
            Map.entry("duty.grade.", PropertyEvaluations.Grade.class),
            Map.entry("duty.opinion.", PropertyEvaluations.Opinion.class),
            Map.entry("streetLists.role.", StreetRole.class),
            Map.entry("role.", Role.class),
            Map.entry("home.role.", Role.class),
            Map.entry("level.", Level.class),
            Map.entry("party.kind.", PartyOrganization.Kind.class),
            Map.entry("party.category.", PartyOrganization.Category.class),
            Map.entry("unit.kind.", UnitKind.class));

    private static Properties zh;
    private static Properties en;
    private static List<String> templates;

    @BeforeAll
    static void read() throws IOException {
        zh = bundle("messages.properties");
        en = bundle("messages_en.properties");
        templates = new ArrayList<>();
        try (Stream<Path> files = Files.walk(RESOURCES.resolve("templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) templates.add(Files.readString(f));
        }
    }

    @Test
    void chineseAndEnglishHaveTheSameKeys() {
        assertThat(new TreeSet<>(en.stringPropertyNames())).isEqualTo(new TreeSet<>(zh.stringPropertyNames()));
    }

    @Test
    void everyLiteralKeyInATemplateHasItsText() {
        Set<String> keys = matches(STATIC_KEY);
        assertThat(keys).hasSizeGreaterThan(100);
        assertThat(missing(keys)).isEmpty();
    }

    @Test
    void everyEnumShownInATemplateHasATextForEachValue() {
        Set<String> prefixes = matches(PREFIX_KEY);
        assertThat(prefixes).containsAll(ENUM_PREFIXES.keySet());
        Set<String> keys = new TreeSet<>();
        ENUM_PREFIXES.forEach((prefix, type) -> {
            for (Enum<?> value : type.getEnumConstants()) keys.add(prefix + value.name());
        });
        assertThat(missing(keys)).isEmpty();
    }

    /** Keys lacking a text in either bundle, marked with the bundle that lacks them. */
    private static List<String> missing(Set<String> keys) {
        List<String> out = new ArrayList<>();
        for (String k : keys) {
            if (!zh.containsKey(k)) out.add("zh: " + k);
            if (!en.containsKey(k)) out.add("en: " + k);
        }
        return out;
    }

    private static Set<String> matches(Pattern pattern) {
        Set<String> found = new TreeSet<>();
        for (String t : templates) {
            Matcher m = pattern.matcher(t);
            while (m.find()) found.add(m.group(1));
        }
        return found;
    }

    private static Properties bundle(String name) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(RESOURCES.resolve(name), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}

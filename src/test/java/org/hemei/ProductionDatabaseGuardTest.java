package org.hemei;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ProductionDatabaseGuardTest {

    private static MockEnvironment env(String url, String... profiles) {
        MockEnvironment env = new MockEnvironment();
        env.setActiveProfiles(profiles);
        if (url != null) env.setProperty("spring.datasource.url", url);
        return env;
    }

    @Test
    void prodWithoutAnyDatabaseUrlRefusesToStart() {
        assertThatThrownBy(() -> ProductionDatabaseGuard.check(env(null, "prod")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SPRING_DATASOURCE_URL").hasMessageContaining("not set");
    }

    @Test
    void prodOnTheEmbeddedH2RefusesToStartAndSaysWhatItFound() {
        String h2 = "jdbc:h2:file:./data/hemei;MODE=PostgreSQL";
        assertThatThrownBy(() -> ProductionDatabaseGuard.check(env(h2, "prod", "demo")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SPRING_DATASOURCE_URL").hasMessageContaining(h2);
    }

    @Test
    void prodOnPostgresqlStarts() {
        assertThatCode(() -> ProductionDatabaseGuard.check(env("jdbc:postgresql://db:5432/hemei", "prod")))
                .doesNotThrowAnyException();
    }

    @Test
    void otherProfilesAreNotChecked() {
        assertThatCode(() -> ProductionDatabaseGuard.check(env("jdbc:h2:mem:x", "demo"))).doesNotThrowAnyException();
        assertThatCode(() -> ProductionDatabaseGuard.check(env(null))).doesNotThrowAnyException();
    }
}

package org.hemei;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code prod} profile must run on PostgreSQL: silently falling back to the embedded H2 file would
 * put a city's work orders in a file on one machine. Checked before any bean exists.
 */
public class ProductionDatabaseGuard implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        check(event.getEnvironment());
    }

    static void check(ConfigurableEnvironment env) {
        if (!env.matchesProfiles("prod")) {
            return;
        }
        String url = env.getProperty("spring.datasource.url", "");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new IllegalStateException("生产环境（prod）必须使用 PostgreSQL：请设置 SPRING_DATASOURCE_URL=jdbc:postgresql://主机:5432/库名 / "
                    + "the prod profile needs a PostgreSQL database: set SPRING_DATASOURCE_URL=jdbc:postgresql://host:5432/db "
                    + "(now: " + (url.isBlank() ? "not set" : url) + ")");
        }
    }
}

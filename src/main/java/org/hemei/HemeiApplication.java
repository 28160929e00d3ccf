package org.hemei;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.modulith.Modulithic;

/**
 * Hemei 和美: one modular monolith. Each top-level package below {@code org.hemei} is a capability
 * (see docs/modules); {@code shared} holds the API error format every module speaks.
 */
@Modulithic(sharedModules = "shared")
@SpringBootApplication
public class HemeiApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(HemeiApplication.class);
        app.addListeners(new ProductionDatabaseGuard());
        app.run(args);
    }
}

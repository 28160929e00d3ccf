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
        if (args.length > 0 && args[0].equals("triage")) {
            // Evaluation and benchmarks of the triage models: no server, no database (see TriageCommand).
            System.exit(org.hemei.triage.TriageCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication app = new SpringApplication(HemeiApplication.class);
        app.addListeners(new ProductionDatabaseGuard());
        app.run(args);
    }
}

package org.hemei;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of(HemeiApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        MODULES.verify();
    }

    @Test
    void theExpectedModulesExist() {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString()))
                .contains("identity", "territory", "organization", "demo", "shell", "shared");
    }

    @Test
    void writesModuleDocumentation() throws Exception {
        String folder = "target/spring-modulith-docs";
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(folder)).writeDocumentation();
        assertThat(Path.of(folder, "components.puml")).exists();
        try (var files = Files.list(Path.of(folder))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.contains("territory"));
        }
    }
}

package org.hemei.demo;

import java.io.IOException;
import java.io.InputStream;
import org.hemei.shared.DomainException;
import org.hemei.triage.TrainingExamples;
import org.hemei.triage.TriageModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo profile only: a first category model, so the intake's suggestions work from the first start. It is trained
 * in the background on {@code triage/demo-messages.csv}, 333 synthetic messages (示例) written from templates over
 * real place names, covering every category group of the catalogue. Its quality says nothing about real messages;
 * an administrator replaces it by uploading labelled history (an upload that replaces the previous one removes these).
 */
@Component
@Profile("demo")
@Order(30)
class TriageDemoData implements ApplicationRunner {

    static final String FILE = "triage/demo-messages.csv";
    private static final Logger log = LoggerFactory.getLogger(TriageDemoData.class);

    private final TrainingExamples examples;
    private final TriageModels models;
    private final boolean enabled;

    TriageDemoData(TrainingExamples examples, TriageModels models, @Value("${hemei.demo.triage-model:true}") boolean enabled) {
        this.examples = examples;
        this.models = models;
        this.enabled = enabled;
    }

    /**
     * Examples only into an empty store; a training whenever there is no model yet, so a demo stopped during its
     * first training (examples stored, no model made) trains again at the next start. A database with a model keeps it.
     */
    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (!enabled || models.versions(0, 1).total() > 0) return;
        if (examples.count() == 0) examples.upload(demoMessages(), FILE, false);
        try {
            var training = models.startTraining("DEMO");
            log.info("Demo: training category model #{} on {} examples in the background", training.id(), training.examples());
        } catch (DomainException e) { // a training holds the slot (another server's, or one a crash left for a minute)
            log.info("Demo: no category model trained at this start: {}", e.getMessage());
        }
    }

    private byte[] demoMessages() throws IOException {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(FILE)) {
            if (in == null) throw new IllegalStateException(FILE + " is missing from the build");
            return in.readAllBytes();
        }
    }
}

package org.hemei.triage.internal;

import org.hemei.triage.TriageModels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Retrains the category model on a schedule ({@code hemei.triage.retrain-cron}, default Sundays 03:00 Beijing
 * time; "-" turns it off) when examples were added since the newest version. The new version waits for an
 * administrator to activate it.
 */
@Configuration
class RetrainSchedule {

    private static final Logger log = LoggerFactory.getLogger(RetrainSchedule.class);

    private final TriageModels models;

    RetrainSchedule(TriageModels models) {
        this.models = models;
    }

    @Scheduled(cron = "${hemei.triage.retrain-cron:0 0 3 * * SUN}", zone = "Asia/Shanghai")
    void retrain() {
        try {
            models.retrainIfChanged();
        } catch (RuntimeException e) {
            log.warn("Triage: scheduled retraining failed: {}", e.getMessage());
        }
    }
}

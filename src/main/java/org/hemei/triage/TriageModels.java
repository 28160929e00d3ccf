package org.hemei.triage;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.shared.DomainException;
import org.hemei.triage.internal.Folds;
import org.hemei.triage.internal.LabelledText;
import org.hemei.triage.internal.Metrics;
import org.hemei.triage.internal.Model;
import org.hemei.triage.internal.ModelStore;
import org.hemei.triage.internal.SelfTraining;
import org.hemei.triage.internal.Trainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The category models: training a new version from the stored examples (on demand and on a schedule), listing
 * the versions with their cross-validated quality, and activating the one {@link Triage} uses. A new version is
 * not active until an administrator activates it, except the very first one. Messages stored without a category
 * ({@link TrainingExamples#uploadUnlabelled}) teach the word vectors; without them the vectors learn from the labelled text alone.
 */
@Service
public class TriageModels {

    /** A model version as administrators see it. {@code metrics}: cross-validation figures as JSON. */
    public record ModelVersion(long id, int version, OffsetDateTime createdAt, String createdBy, int trainingSize,
            List<String> labels, JsonNode metrics, boolean active) {
    }

    private static final Logger log = LoggerFactory.getLogger(TriageModels.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Cross-validation for the stored metrics only below this size, to keep training quick. */
    private static final int CV_LIMIT = 20_000;

    private final ModelStore store;
    private final TrainingExamples examples;
    private final AuditLog audit;
    private final Triage triage;
    private final ReentrantLock training = new ReentrantLock();

    TriageModels(ModelStore store, TrainingExamples examples, AuditLog audit, Triage triage) {
        this.store = store;
        this.examples = examples;
        this.audit = audit;
        this.triage = triage;
    }

    public List<ModelVersion> list() {
        return store.list().stream().map(TriageModels::view).toList();
    }

    /** Trains a new version on every stored example; activates it only if no version is active yet. */
    public ModelVersion train() {
        if (!training.tryLock()) throw DomainException.conflict("正在训练模型，请稍后 / a model is being trained, try again shortly");
        try {
            long lastExample = store.lastExampleId();
            List<LabelledText> data = examples.all();
            long labels = data.stream().map(LabelledText::label).distinct().count();
            if (labels < 2) {
                throw DomainException.unprocessable("至少需要两个类别的样本 / training needs examples of at least two categories",
                        List.of("examples: " + data.size() + ", categories: " + labels));
            }
            Trainer.Options options = Trainer.Options.DEFAULT;
            SelfTraining.Settings selfTraining = SelfTraining.Settings.DEFAULT;
            long start = System.nanoTime();
            // copies of labelled messages are dropped: they would leak the labels into the cross-validation below
            List<SelfTraining.Unlabelled> unlabelled = SelfTraining.unseen(examples.unlabelled(), data, selfTraining.maxSimilarity());
            Model model = SelfTraining.train(data, unlabelled, options, selfTraining);
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("train_seconds", Math.round(seconds * 100) / 100.0);
            metrics.put("last_example_id", lastExample);
            metrics.put("features", model.vectorizer().dimension());
            metrics.put("unlabelled", unlabelled.size());
            metrics.putAll(crossValidate(data, unlabelled, options, selfTraining));
            String createdBy = Actor.current().username();
            ModelStore.Row row = store.save(model.toBytes(), createdBy, data.size(),
                    String.join("\n", model.labels()), JSON.writeValueAsString(metrics));
            audit.record(createdBy, "triage.model.train", "v" + row.modelVersion(), data.size() + " examples, " + metrics);
            if (store.active().isEmpty()) activate(row.id());
            return view(store.find(row.id()).orElseThrow());
        } finally {
            training.unlock();
        }
    }

    /** Retrains when examples were added since the newest version (the schedule calls this). */
    public boolean retrainIfChanged() {
        long last = store.lastExampleId();
        if (last == 0) return false;
        List<ModelStore.Row> versions = store.list();
        if (!versions.isEmpty()) {
            JsonNode m = JSON.readTree(versions.get(0).metrics() == null ? "{}" : versions.get(0).metrics());
            if (m.path("last_example_id").asLong(-1) == last) return false;
        }
        ModelVersion v = train();
        log.info("Triage: scheduled retraining made model v{} from {} examples", v.version(), v.trainingSize());
        return true;
    }

    public ModelVersion activate(long id) {
        ModelStore.Row row = store.find(id).orElseThrow(() -> DomainException.notFound("模型不存在 / no model with id " + id));
        store.activate(id);
        triage.forgetModel();
        audit.record("triage.model.activate", "v" + row.modelVersion(), "id " + id);
        return view(store.find(id).orElseThrow());
    }

    private static Map<String, Object> crossValidate(List<LabelledText> data, List<SelfTraining.Unlabelled> unlabelled, Trainer.Options options,
            SelfTraining.Settings selfTraining) {
        Map<String, Object> out = new LinkedHashMap<>();
        int minPerLabel = data.stream().collect(java.util.stream.Collectors.groupingBy(LabelledText::label, java.util.stream.Collectors.counting()))
                .values().stream().mapToInt(Long::intValue).min().orElse(0);
        int folds = Math.min(5, minPerLabel);
        if (data.size() > CV_LIMIT || folds < 2) return out;
        List<Double> f1 = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (Folds.Split split : Folds.stratified(data, folds, options.seed())) {
            if (new TreeSet<>(split.train().stream().map(LabelledText::label).toList()).size() < 2) continue;
            Model m = SelfTraining.train(split.train(), unlabelled, options.withoutCalibration(), selfTraining);
            List<String> truth = new ArrayList<>();
            List<String> predicted = new ArrayList<>();
            for (LabelledText t : split.test()) {
                truth.add(t.label());
                predicted.add(m.labels().get(m.predictIndex(t.title(), t.body())));
            }
            Metrics metrics = Metrics.of(truth, predicted);
            f1.add(metrics.macroF1());
            accuracy.add(metrics.accuracy());
        }
        out.put("cv_folds", folds);
        out.put("cv_macro_f1", Math.round(f1.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 10000) / 10000.0);
        out.put("cv_accuracy", Math.round(accuracy.stream().mapToDouble(Double::doubleValue).average().orElse(0) * 10000) / 10000.0);
        return out;
    }

    private static ModelVersion view(ModelStore.Row r) {
        return new ModelVersion(r.id(), r.modelVersion(), r.createdAt(), r.createdBy(), r.trainingSize(),
                List.of(r.labels().split("\n")), JSON.readTree(r.metrics() == null ? "{}" : r.metrics()), r.active());
    }
}

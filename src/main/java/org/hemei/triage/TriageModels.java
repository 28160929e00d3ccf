package org.hemei.triage;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import jakarta.annotation.PreDestroy;
import org.hemei.identity.Actor;
import org.hemei.identity.AuditLog;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.triage.internal.Folds;
import org.hemei.triage.internal.LabelledText;
import org.hemei.triage.internal.Metrics;
import org.hemei.triage.internal.Model;
import org.hemei.triage.internal.ModelStore;
import org.hemei.triage.internal.SelfTraining;
import org.hemei.triage.internal.Trainer;
import org.hemei.shared.Limits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The category models: training a new version from the stored examples (on demand and on a schedule), listing
 * the versions with their cross-validated quality, and activating the one {@link Triage} uses. A new version is
 * not active until an administrator activates it, except the very first one. Messages stored without a category
 * ({@link TrainingExamples#uploadUnlabelled}) and the texts other modules offer ({@link UnlabelledTexts}: the demands
 * casework received) teach the word vectors; without them the vectors learn from the labelled text alone.
 *
 * <p>Training takes up to a minute or two (word vectors, the model, its calibration, a 5-fold cross-validation), so
 * it runs in the background, one at a time across every server: {@link #startTraining} takes the database's one
 * training slot, records a {@link Training} and returns at once, and the training records each step it finishes. It
 * runs on the server that accepted it, which touches it every {@link ModelStore#BEAT}. A server that stops ends its
 * training as interrupted and frees the slot at once; one whose server crashed reads as interrupted after
 * {@link ModelStore#STALE} and gives the slot up to the next.
 */
@Service
public class TriageModels {

    /** A model version as administrators see it. {@code metrics}: cross-validation figures as JSON. */
    public record ModelVersion(long id, int version, OffsetDateTime createdAt, String createdBy, int trainingSize,
            List<String> labels, JsonNode metrics, boolean active) {
    }

    /**
     * A training and how far it got. {@code reason}: UPLOAD, RETRAIN or SCHEDULE; {@code status}: QUEUED, RUNNING,
     * DONE, FAILED or INTERRUPTED; {@code stage} while running: MODEL (word vectors and the model), CV (a
     * cross-validation fold), SAVE; {@code modelVersion}: the version it made, once done.
     */
    public record Training(long id, String reason, String status, String stage, int stepsDone, int stepsTotal, int examples,
            Long modelId, Integer modelVersion, String error, String createdBy, OffsetDateTime createdAt, OffsetDateTime finishedAt) {

        public boolean finished() {
            return !status.equals("QUEUED") && !status.equals("RUNNING");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(TriageModels.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Cross-validation for the stored metrics only below this size, to keep training quick. */
    private static final int CV_LIMIT = 20_000;
    private static final int CV_FOLDS = 5;
    /** Texts taken from each {@link UnlabelledTexts} per training: enough for the vectors, bounded in time. */
    private static final int TEXTS_PER_SOURCE = 10_000;

    private final ModelStore store;
    private final TrainingExamples examples;
    private final AuditLog audit;
    private final Triage triage;
    private final List<UnlabelledTexts> sources;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "triage-training");
        t.setDaemon(true);
        return t;
    });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "triage-training-beat");
        t.setDaemon(true);
        return t;
    });
    private final TransactionTemplate tx;
    /** The training this server runs (0: none): the one {@link #stop} ends. */
    private final AtomicLong running = new AtomicLong();

    TriageModels(ModelStore store, TrainingExamples examples, AuditLog audit, Triage triage, ObjectProvider<UnlabelledTexts> sources,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.tx = new TransactionTemplate(transactions);
        this.examples = examples;
        this.audit = audit;
        this.triage = triage;
        this.sources = sources.orderedStream().toList();
    }

    /**
     * Ends this server's training as interrupted, so that the slot is free as soon as a server (this one after a
     * restart, or another) wants it, instead of after {@link ModelStore#STALE}. The interrupted training stops at
     * its next step; what it has not saved is lost, and the next training starts again from the examples.
     */
    @PreDestroy
    void stop() {
        worker.shutdownNow();
        heartbeat.shutdownNow();
        long id = running.get();
        if (id != 0) {
            store.updateTraining(id, "INTERRUPTED", null, 0, null, "服务器停止 / the server stopped");
            log.info("Triage: training #{} interrupted, the server is stopping", id);
        }
    }

    /** Versions, newest first. */
    public Paging<ModelVersion> versions(int page, int size) {
        return new Paging<>(store.list(page, size).stream().map(TriageModels::view).toList(), page, size, store.count());
    }

    /**
     * Starts training a new version on every stored example and returns at once (status QUEUED). Refused with 409
     * while another training runs, on any server, and with 422 when the examples cover fewer than two categories.
     * The new version is activated only if no version is active yet.
     */
    public synchronized Training startTraining(String reason) {
        return launch(claim(reason, () -> {
        }));
    }

    /** What an upload of labelled history stored, and the training it started. */
    public record Upload(int examplesRead, long examplesStored, Training training) {
    }

    /**
     * Stores an upload of labelled history ({@link TrainingExamples#upload}) and starts training on it. While a
     * training runs the upload is refused (409) before anything is stored, so a refused file is never half taken.
     */
    public synchronized Upload uploadAndTrain(byte[] file, String name, boolean replace) {
        int[] read = { 0 };
        Training training = launch(claim("UPLOAD", () -> read[0] = examples.upload(file, name, replace)));
        return new Upload(read[0], examples.count(), training);
    }

    /** A claimed training and what it learns from. */
    private record Claim(long id, long lastExample, List<LabelledText> data, int folds, String createdBy) {
    }

    /**
     * In one transaction: the slot first, then {@code before} (an upload), then the examples; a refusal on the way
     * (409, 422) rolls all of it back. The database's one slot keeps trainings one at a time across servers; this
     * instance's own callers queue on the monitor instead of on the database's lock.
     */
    private Claim claim(String reason, Runnable before) {
        String createdBy = Actor.current().username();
        return tx.execute(status -> {
            long id = takeSlot(reason, createdBy);
            before.run();
            long lastExample = store.lastExampleId();
            List<LabelledText> data = examples.all();
            long labels = data.stream().map(LabelledText::label).distinct().count();
            if (labels < 2) throw TrainingExamples.tooFewCategories(data.size(), labels);
            int folds = cvFolds(data);
            store.planTraining(id, 2 + folds, data.size());
            audit.record(createdBy, "triage.model.train.start", "training #" + id, reason + ", " + data.size() + " examples");
            return new Claim(id, lastExample, data, folds, createdBy);
        });
    }

    private long takeSlot(String reason, String createdBy) {
        store.holder().ifPresent(running -> {
            throw DomainException.conflict("正在训练模型（训练 #" + running + "），请等它完成 / training #" + running + " is running, wait for it to finish");
        });
        try {
            return store.claimTraining(reason, createdBy);
        } catch (DataIntegrityViolationException e) { // another server claimed it between the look and the insert
            throw DomainException.conflict("另一个训练刚刚开始，请等它完成 / another training has just started, wait for it to finish");
        }
    }

    /** After the claim's commit, so the worker reads what it stored. */
    private Training launch(Claim c) {
        running.set(c.id()); // before it starts: a stop in between still finds it
        worker.submit(() -> run(c));
        return training(c.id());
    }

    public Training training(long id) {
        return store.training(id).orElseThrow(() -> DomainException.notFound("训练不存在 / no training with id " + id));
    }

    public Paging<Training> trainings(int page, int size) {
        return new Paging<>(store.trainings(page, size), page, size, store.trainingCount());
    }

    private void run(Claim c) {
        long id = c.id();
        ScheduledFuture<?> beat = heartbeat.scheduleAtFixedRate(() -> store.touch(id), ModelStore.BEAT.toMillis(), ModelStore.BEAT.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            ModelVersion made = train(id, c.lastExample(), c.data(), c.folds(), c.createdBy());
            log.info("Triage: training #{} made model v{} from {} examples", id, made.version(), made.trainingSize());
        } catch (CancellationException e) { // stop() recorded it
            log.info("Triage: training #{} stopped with its server", id);
        } catch (RuntimeException e) {
            log.warn("Triage: training #{} failed", id, e);
            store.updateTraining(id, "FAILED", null, 0, null, Limits.clip(String.valueOf(e.getMessage()), 1000));
        } finally {
            running.compareAndSet(id, 0); // unless the next training, launched once this one freed the slot, took over
            beat.cancel(false);
        }
    }

    /** Records a step, unless the server is stopping: then the training ends here. */
    private void step(long id, String stage, int stepsDone) {
        if (Thread.currentThread().isInterrupted()) throw new CancellationException("the server is stopping");
        store.updateTraining(id, "RUNNING", stage, stepsDone, null, null);
    }

    /** The steps of one training, each recorded as it starts: {@code stepsDone} counts those finished. */
    private ModelVersion train(long id, long lastExample, List<LabelledText> data, int folds, String createdBy) {
        int[] step = { 0 };
        Runnable cvFold = () -> step(id, "CV", ++step[0]);
        step(id, "MODEL", 0);
        Trainer.Options options = Trainer.Options.DEFAULT;
        SelfTraining.Settings selfTraining = SelfTraining.Settings.DEFAULT;
        long start = System.nanoTime();
        Map<String, Object> metrics = new LinkedHashMap<>();
        List<SelfTraining.Unlabelled> texts = new ArrayList<>(examples.unlabelled());
        metrics.put("unlabelled_uploaded", texts.size());
        for (UnlabelledTexts source : sources) {
            List<UnlabelledTexts.Text> read = source.newest(TEXTS_PER_SOURCE);
            metrics.put("unlabelled_" + source.source(), read.size());
            for (UnlabelledTexts.Text t : read) texts.add(new SelfTraining.Unlabelled(t.title(), t.body(), ""));
        }
        // copies of labelled messages (a confirmed order is both) are dropped: they would leak the labels into the cross-validation below
        List<SelfTraining.Unlabelled> unlabelled = SelfTraining.unseen(texts, data, selfTraining.maxSimilarity());
        Model model = SelfTraining.train(data, unlabelled, options, selfTraining);
        double seconds = (System.nanoTime() - start) / 1e9;
        metrics.put("train_seconds", Math.round(seconds * 100) / 100.0);
        metrics.put("last_example_id", lastExample);
        metrics.put("features", model.vectorizer().dimension());
        metrics.put("unlabelled", unlabelled.size());
        metrics.putAll(crossValidate(data, unlabelled, folds, options, selfTraining, cvFold));
        step(id, "SAVE", ++step[0]);
        ModelStore.Row row = store.save(model.toBytes(), createdBy, data.size(), String.join("\n", model.labels()), JSON.writeValueAsString(metrics));
        audit.record(createdBy, "triage.model.train", "v" + row.modelVersion(), data.size() + " examples, " + metrics);
        if (row.active()) activated(row, createdBy); // the first version
        store.updateTraining(id, "DONE", null, step[0] + 1, row.id(), null);
        return view(store.find(row.id()).orElseThrow());
    }

    /** Starts retraining when examples were added since the newest version (the schedule calls this). */
    public boolean retrainIfChanged() {
        long last = store.lastExampleId();
        if (last == 0) return false;
        List<ModelStore.Row> versions = store.list(0, 1);
        if (!versions.isEmpty()) {
            JsonNode m = JSON.readTree(versions.get(0).metrics() == null ? "{}" : versions.get(0).metrics());
            if (m.path("last_example_id").asLong(-1) == last) return false;
        }
        Training t = startTraining("SCHEDULE");
        log.info("Triage: scheduled retraining started (training #{}, {} examples)", t.id(), t.examples());
        return true;
    }

    public ModelVersion activate(long id) {
        return activate(id, Actor.current().username());
    }

    private ModelVersion activate(long id, String by) {
        ModelStore.Row row = store.find(id).orElseThrow(() -> DomainException.notFound("模型不存在 / no model with id " + id));
        store.activate(id);
        activated(row, by);
        return view(store.find(id).orElseThrow());
    }

    private void activated(ModelStore.Row row, String by) {
        triage.forgetModel();
        audit.record(by, "triage.model.activate", "v" + row.modelVersion(), "id " + row.id());
    }

    /** Folds of the stored cross-validation: 5, fewer when a category has fewer examples, 0 when skipped. */
    private static int cvFolds(List<LabelledText> data) {
        int minPerLabel = data.stream().collect(Collectors.groupingBy(LabelledText::label, Collectors.counting()))
                .values().stream().mapToInt(Long::intValue).min().orElse(0);
        int folds = Math.min(CV_FOLDS, minPerLabel);
        return data.size() > CV_LIMIT || folds < 2 ? 0 : folds;
    }

    /** {@code beforeFold} runs as each fold starts (progress). */
    private static Map<String, Object> crossValidate(List<LabelledText> data, List<SelfTraining.Unlabelled> unlabelled, int folds,
            Trainer.Options options, SelfTraining.Settings selfTraining, Runnable beforeFold) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (folds < 2) return out;
        List<Double> f1 = new ArrayList<>();
        List<Double> accuracy = new ArrayList<>();
        for (Folds.Split split : Folds.stratified(data, folds, options.seed())) {
            beforeFold.run();
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

package org.hemei.triage.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.hemei.triage.TriageModels.Training;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The triage tables: trained models (versioned, one active), the trainings that made them, and the examples they learn from. */
@Repository
public class ModelStore {

    /** A stored model without its bytes. */
    public record Row(long id, int modelVersion, OffsetDateTime createdAt, String createdBy, int trainingSize, String labels,
            String metrics, boolean active) {
    }

    /**
     * A running training's server touches it at least this often; one untouched for {@link #STALE} lost its server
     * (a stop or a crash, on this instance or another) and reads as interrupted.
     */
    public static final Duration BEAT = Duration.ofSeconds(10);
    public static final Duration STALE = Duration.ofMinutes(1);

    private static final String COLUMNS = "id, model_version, created_at, created_by, training_size, labels, metrics, active";
    /** Trainings as they read, a stale one interrupted where it stopped; the placeholder: {@link #stale()}. */
    private static final String TRAINING = """
            select id, reason, case when cut_off then 'INTERRUPTED' else status end as status, stage, steps_done, steps_total, examples,
                   model_id, model_version, error, created_by, created_at, case when cut_off then updated_at else finished_at end as finished_at
            from (select t.*, m.model_version, (t.slot is not null and t.updated_at < ?) as cut_off
                  from triage_training t left join triage_model m on m.id = t.model_id) x""";

    private final JdbcClient jdbc;

    ModelStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new version; the very first (none active yet) is active as it is stored, so none is ever seen inactive. */
    @Transactional
    public Row save(byte[] model, String createdBy, int trainingSize, String labels, String metrics) {
        int version = jdbc.sql("select coalesce(max(model_version), 0) + 1 from triage_model").query(Integer.class).single();
        jdbc.sql("""
                insert into triage_model(model_version, created_at, created_by, training_size, labels, metrics, active, model)
                values (?, ?, ?, ?, ?, ?, (select count(*) = 0 from triage_model where active), ?)""")
                .params(version, OffsetDateTime.now(ZoneOffset.UTC), createdBy, trainingSize, labels, metrics, model).update();
        return jdbc.sql("select " + COLUMNS + " from triage_model where model_version = ?").param(version).query(Row.class).single();
    }

    /** Versions, newest first. */
    public List<Row> list(int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from triage_model order by model_version desc limit ? offset ?")
                .params(size, (long) page * size).query(Row.class).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from triage_model").query(Long.class).single();
    }

    public Optional<Row> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from triage_model where id = ?").param(id).query(Row.class).optional();
    }

    public Optional<Row> active() {
        return jdbc.sql("select " + COLUMNS + " from triage_model where active = true").query(Row.class).optional();
    }

    public byte[] bytes(long id) {
        return jdbc.sql("select model from triage_model where id = ?").param(id).query(byte[].class).single();
    }

    /** Makes this model the only active one, in one statement: two administrators at once leave one active, never two or none. */
    public void activate(long id) {
        jdbc.sql("update triage_model set active = (id = ?)").param(id).update();
    }

    public void addExample(String title, String body, String label, String source) {
        jdbc.sql("insert into triage_example(title, body, label, source, created_at) values (?, ?, ?, ?, ?)")
                .params(title, body, label, source, OffsetDateTime.now(ZoneOffset.UTC)).update();
    }

    public int deleteExamples(String source) {
        return jdbc.sql("delete from triage_example where source = ?").param(source).update();
    }

    /** The labelled examples (unlabelled messages are stored with the label ''). */
    public List<LabelledText> examples() {
        return jdbc.sql("select title, body, label from triage_example where label <> '' order by id")
                .query((rs, i) -> new LabelledText(rs.getString(1), rs.getString(2), rs.getString(3))).list();
    }

    /** The messages stored without a category, for self-training. */
    public List<SelfTraining.Unlabelled> unlabelled() {
        return jdbc.sql("select title, body from triage_example where label = '' order by id")
                .query((rs, i) -> new SelfTraining.Unlabelled(rs.getString(1), rs.getString(2), "")).list();
    }

    public long labelledCount() {
        return jdbc.sql("select count(*) from triage_example where label <> ''").query(Long.class).single();
    }

    public int categoryCount() {
        return jdbc.sql("select count(distinct label) from triage_example where label <> ''").query(Integer.class).single();
    }

    public long exampleCount() {
        return jdbc.sql("select count(*) from triage_example").query(Long.class).single();
    }

    /** The highest example id, to tell whether examples were added since a model was trained. */
    public long lastExampleId() {
        return jdbc.sql("select coalesce(max(id), 0) from triage_example").query(Long.class).single();
    }

    /**
     * Takes the one training slot for a new training (QUEUED, its plan still empty): first from a training whose
     * server stopped, which is marked interrupted. Throws {@link org.springframework.dao.DataIntegrityViolationException}
     * when another server's claim took the slot first.
     */
    public long claimTraining(String reason, String createdBy) {
        OffsetDateTime now = now();
        jdbc.sql("update triage_training set status = 'INTERRUPTED', slot = null, finished_at = updated_at where slot is not null and updated_at < ?")
                .param(stale()).update();
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into triage_training(reason, status, steps_total, examples, created_by, created_at, updated_at, slot)
                values (?, 'QUEUED', 0, 0, ?, ?, ?, 1)""").params(reason, createdBy, now, now).update(keys, "id");
        return keys.getKeyAs(Long.class);
    }

    /** The training holding the slot, unless its server stopped. */
    public Optional<Long> holder() {
        return jdbc.sql("select id from triage_training where slot is not null and updated_at >= ?").param(stale()).query(Long.class).optional();
    }

    /** What a claimed training will do: its steps and the examples it learns from. */
    public void planTraining(long id, int stepsTotal, int examples) {
        jdbc.sql("update triage_training set steps_total = ?, examples = ? where id = ?").params(stepsTotal, examples, id).update();
    }

    /** The running training's sign of life (see {@link #BEAT}). */
    public void touch(long id) {
        jdbc.sql("update triage_training set updated_at = ? where id = ? and slot is not null").params(now(), id).update();
    }

    /**
     * Records how far a training got ({@code stepsDone} never goes back); {@code status} other than QUEUED and RUNNING
     * also ends it and frees the slot. Only a training that holds the slot changes, so the first end wins: one
     * its server's stop interrupted takes no more progress, and a training that just finished is not then called
     * interrupted.
     */
    public void updateTraining(long id, String status, String stage, int stepsDone, Long modelId, String error) {
        OffsetDateTime now = now();
        boolean ended = !status.equals("QUEUED") && !status.equals("RUNNING");
        jdbc.sql("""
                update triage_training set status = ?, stage = ?, steps_done = greatest(steps_done, ?), model_id = coalesce(?, model_id), error = ?,
                       updated_at = ?, finished_at = ?, slot = case when ? then null else slot end where id = ? and slot is not null""")
                .params(status, stage, stepsDone, modelId, error, now, ended ? now : null, ended, id).update();
    }

    public Optional<Training> training(long id) {
        return jdbc.sql(TRAINING + " where id = ?").params(stale(), id).query(Training.class).optional();
    }

    /** A page of trainings, the newest first. */
    public List<Training> trainings(int page, int size) {
        return jdbc.sql(TRAINING + " order by id desc limit ? offset ?").params(stale(), size, (long) page * size).query(Training.class).list();
    }

    public long trainingCount() {
        return jdbc.sql("select count(*) from triage_training").query(Long.class).single();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static OffsetDateTime stale() {
        return now().minus(STALE);
    }
}

package org.hemei.triage;

import java.util.List;
import org.hemei.shared.DomainException;
import org.hemei.triage.internal.LabelledFile;
import org.hemei.triage.internal.LabelledText;
import org.hemei.triage.internal.ModelStore;
import org.hemei.triage.internal.SelfTraining;
import org.hemei.triage.internal.Csv.CsvException;
import org.hemei.shared.Limits;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The labelled messages category models learn from: uploaded history (source {@value #UPLOAD}) and, once casework
 * exists, closed orders whose category an operator confirmed or corrected ({@link #add}).
 */
@Service
public class TrainingExamples {

    public static final String UPLOAD = "upload";
    /** Source of the messages stored without a category (label ''). */
    public static final String UNLABELLED = "unlabelled";

    private final ModelStore store;

    TrainingExamples(ModelStore store) {
        this.store = store;
    }

    /** One more labelled message, e.g. a closed order whose final category an operator confirmed. */
    @Transactional
    public void add(String title, String body, String label, String source) {
        if (label == null || label.isBlank()) throw DomainException.badRequest("类别不能为空 / the label is required");
        if ((title == null || title.isBlank()) && (body == null || body.isBlank())) {
            throw DomainException.badRequest("标题和内容不能都为空 / title or body is required");
        }
        store.addExample(Limits.clip(title == null ? "" : title.strip(), 500), body == null ? "" : body.strip(), Limits.clip(label.strip(), 100),
                source == null || source.isBlank() ? "api" : Limits.clip(source, 200));
    }

    /**
     * Reads a CSV or xlsx table (header with title, body, label) and stores its messages as the uploaded history,
     * replacing the previous upload when {@code replace}. Nothing is stored if any line is bad (422 naming it), nor
     * when the examples would then cover fewer than two categories (nothing could be trained on them).
     */
    @Transactional
    public int upload(byte[] file, String name, boolean replace) {
        List<LabelledText> rows;
        try {
            rows = LabelledFile.read(file, name == null ? "upload" : name);
        } catch (CsvException e) {
            throw DomainException.unprocessable("训练文件有误 / the training file is invalid: " + e.getMessage(), List.of(e.getMessage()));
        }
        if (replace) store.deleteExamples(UPLOAD);
        for (LabelledText r : rows) store.addExample(Limits.clip(r.title(), 500), r.body(), Limits.clip(r.label(), 100), UPLOAD);
        int categories = store.categoryCount();
        if (categories < 2) throw tooFewCategories(store.labelledCount(), categories);
        return rows.size();
    }

    /**
     * Reads a CSV or xlsx table (header with title and body; a label column is ignored) and stores its messages
     * without a category, replacing the previous ones when {@code replace}: word-vector material for the next
     * model (see {@link TriageModels#startTraining}). Nothing is stored if any line is bad (422 naming it).
     */
    @Transactional
    public int uploadUnlabelled(byte[] file, String name, boolean replace) {
        List<LabelledText> rows;
        try {
            rows = LabelledFile.read(file, name == null ? "upload" : name, false);
        } catch (CsvException e) {
            throw DomainException.unprocessable("文件有误 / the file is invalid: " + e.getMessage(), List.of(e.getMessage()));
        }
        if (replace) store.deleteExamples(UNLABELLED);
        for (LabelledText r : rows) store.addExample(Limits.clip(r.title(), 500), r.body(), "", UNLABELLED);
        return rows.size();
    }

    /** The 422 for examples a model cannot be trained on. */
    static DomainException tooFewCategories(long examples, long categories) {
        return DomainException.unprocessable("至少需要两个类别的样本 / training needs examples of at least two categories",
                List.of("examples: " + examples + ", categories: " + categories));
    }

    public long count() {
        return store.exampleCount();
    }

    List<LabelledText> all() {
        return store.examples();
    }

    List<SelfTraining.Unlabelled> unlabelled() {
        return store.unlabelled();
    }
}

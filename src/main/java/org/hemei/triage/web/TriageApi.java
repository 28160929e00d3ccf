package org.hemei.triage.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.hemei.identity.AdminOnly;
import org.hemei.identity.SignedIn;
import org.hemei.identity.Staff;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.triage.Classification;
import org.hemei.triage.PlaceCandidate;
import org.hemei.triage.TrainingExamples;
import org.hemei.triage.Triage;
import org.hemei.triage.TriageModels;
import org.hemei.triage.TriageModels.ModelVersion;
import org.hemei.triage.TriageModels.Training;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The thin web face of triage: classify and locate for callers, model administration for administrators. */
@Tag(name = "triage", description = "诉求分类与地点识别 / category and place of a demand's text")
@RestController
@RequestMapping("/api/triage")
class TriageApi {

    record ClassifyRequest(String title, String body) {
    }

    record LocateRequest(String text) {
    }

    record UnlabelledResult(int messagesRead) {
    }

    private final Triage triage;
    private final TriageModels models;
    private final TrainingExamples examples;

    TriageApi(Triage triage, TriageModels models, TrainingExamples examples) {
        this.triage = triage;
        this.models = models;
        this.examples = examples;
    }

    @Staff
    @Operation(summary = "诉求类别 / propose a category: confidence, top three, the words that weighed most; category is null when unsure")
    @PostMapping("/classify")
    Classification classify(@RequestBody ClassifyRequest request) {
        return triage.classify(request.title(), request.body());
    }

    @SignedIn
    @Operation(summary = "文本中的地点 / places a text names: district, street, community or compound, with confidence")
    @PostMapping("/locate-text")
    List<PlaceCandidate> locate(@RequestBody LocateRequest request) {
        return triage.locate(request.text());
    }

    @AdminOnly
    @Operation(summary = "模型版本 / category model versions, newest first, with cross-validated quality (paged)")
    @GetMapping("/models")
    Paging<ModelVersion> models(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return models.versions(Paging.page(page), Paging.size(size));
    }

    @AdminOnly
    @Operation(summary = "上传样本并训练 / upload labelled history (CSV UTF-8 or xlsx with columns title, body, label), then train a new "
            + "version in the background: 202 with the training, whose progress GET /api/triage/trainings/{id} shows")
    @PostMapping("/models")
    ResponseEntity<TriageModels.Upload> upload(@RequestBody byte[] file, @RequestParam(defaultValue = "true") boolean replace,
            @RequestHeader(name = "X-File-Name", required = false) String fileName) {
        if (file == null || file.length == 0) throw DomainException.badRequest("请上传训练文件 / send the CSV or xlsx file as the request body");
        TriageModels.Upload upload = models.uploadAndTrain(file, fileName == null ? "upload" : fileName, replace);
        return accepted(upload.training()).body(upload);
    }

    @AdminOnly
    @Operation(summary = "上传未标注留言 / upload messages without a category (CSV UTF-8 or xlsx with columns title, body): "
            + "the next training learns word vectors from them (the words residents use that labelled messages lack)")
    @PostMapping("/unlabelled")
    @ResponseStatus(HttpStatus.CREATED)
    UnlabelledResult uploadUnlabelled(@RequestBody byte[] file, @RequestParam(defaultValue = "true") boolean replace,
            @RequestHeader(name = "X-File-Name", required = false) String fileName) {
        if (file == null || file.length == 0) throw DomainException.badRequest("请上传文件 / send the CSV or xlsx file as the request body");
        return new UnlabelledResult(examples.uploadUnlabelled(file, fileName == null ? "upload" : fileName, replace));
    }

    @AdminOnly
    @Operation(summary = "重新训练 / train a new version on the stored examples now, in the background (202 with the training; 409 while "
            + "another runs)")
    @PostMapping("/models/retrain")
    ResponseEntity<Training> retrain() {
        Training training = models.startTraining("RETRAIN");
        return accepted(training).body(training);
    }

    @AdminOnly
    @Operation(summary = "训练记录 / trainings, newest first, with their progress (steps done of total, stage) and the version each made")
    @GetMapping("/trainings")
    Paging<Training> trainings(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return models.trainings(Paging.page(page), Paging.size(size));
    }

    @AdminOnly
    @Operation(summary = "训练进度 / one training: QUEUED, RUNNING (stage MODEL, CV or SAVE; steps done of total), DONE (modelVersion), "
            + "FAILED (error) or INTERRUPTED (the server stopped)")
    @GetMapping("/trainings/{id}")
    Training training(@PathVariable long id) {
        return models.training(id);
    }

    private static ResponseEntity.BodyBuilder accepted(Training training) {
        return ResponseEntity.accepted().location(URI.create("/api/triage/trainings/" + training.id()));
    }

    @AdminOnly
    @Operation(summary = "启用模型版本 / make this version the one classification uses")
    @PostMapping("/models/{id}/activate")
    ModelVersion activate(@PathVariable long id) {
        return models.activate(id);
    }
}

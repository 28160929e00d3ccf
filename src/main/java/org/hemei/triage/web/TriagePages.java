package org.hemei.triage.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.hemei.identity.AdminOnly;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.triage.TrainingExamples;
import org.hemei.triage.TriageModels;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The administrators' page of the category models: upload labelled history or unlabelled messages, retrain and
 * watch the training's progress, compare the versions' cross-validated quality and choose the active one.
 */
@Controller
@AdminOnly
class TriagePages {

    private final TriageModels models;
    private final TrainingExamples examples;

    TriagePages(TriageModels models, TrainingExamples examples) {
        this.models = models;
        this.examples = examples;
    }

    @GetMapping("/triage/models")
    String page(@RequestParam(required = false) Long training, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer versionPage, Model model) {
        Paging<TriageModels.Training> trainings = models.trainings(Paging.page(page), 10);
        // the training asked for, else one still running (already on this page of the list)
        TriageModels.Training shown = training != null ? models.training(training)
                : trainings.items().stream().filter(t -> !t.finished()).findFirst().orElse(null);
        if (shown != null) model.addAttribute("training", shown);
        model.addAttribute("versions", models.versions(Paging.page(versionPage), 10));
        model.addAttribute("trainings", trainings);
        model.addAttribute("examples", examples.count());
        return "triage/models";
    }

    /** The progress alone, polled by htmx until the training has finished. */
    @GetMapping("/triage/trainings/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("training", models.training(id));
        return "triage/models :: progress";
    }

    @PostMapping("/triage/models/upload")
    String upload(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "false") boolean replace,
            RedirectAttributes redirect) {
        return act(redirect, () -> models.uploadAndTrain(bytes(file), file.getOriginalFilename(), replace).training().id());
    }

    @PostMapping("/triage/models/unlabelled")
    String unlabelled(@RequestParam(required = false) MultipartFile file, @RequestParam(defaultValue = "false") boolean replace,
            RedirectAttributes redirect) {
        return act(redirect, () -> {
            redirect.addFlashAttribute("unlabelledRead", examples.uploadUnlabelled(bytes(file), file.getOriginalFilename(), replace));
            return null;
        });
    }

    @PostMapping("/triage/models/retrain")
    String retrain(RedirectAttributes redirect) {
        return act(redirect, () -> models.startTraining("RETRAIN").id());
    }

    @PostMapping("/triage/models/{id}/activate")
    String activate(@PathVariable long id, RedirectAttributes redirect) {
        return act(redirect, () -> {
            redirect.addFlashAttribute("activated", models.activate(id).version());
            return null;
        });
    }

    /** Runs a change; back to the page, showing the training it started or the refusal's message. */
    private static String act(RedirectAttributes redirect, java.util.function.Supplier<Long> change) {
        try {
            Long training = change.get();
            return training == null ? "redirect:/triage/models" : "redirect:/triage/models?training=" + training;
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
            redirect.addFlashAttribute("problems", e.problems());
            return "redirect:/triage/models";
        }
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) throw DomainException.badRequest("请选择文件 / choose a CSV or xlsx file");
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.hemei.casework.web;

import java.util.List;
import org.hemei.casework.OrderImport;
import org.hemei.casework.OrderImport.ImportStatus;
import org.hemei.casework.Photos;
import org.hemei.identity.SignedIn;
import org.hemei.shared.DomainException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Pages for files: adding a photo from the order page, and the 12345 centre's bulk import with its progress. */
@Controller
class CaseworkUploadPages {

    /** Problems listed on the import page; the API's refusal carries them all. */
    static final int PROBLEMS_SHOWN = 200;
    private static final int RECENT = 10;

    private final Photos photos;
    private final OrderImport imports;

    CaseworkUploadPages(Photos photos, OrderImport imports) {
        this.photos = photos;
        this.imports = imports;
    }

    @SignedIn
    @PostMapping("/casework/orders/{id}/photos")
    String addPhoto(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String purpose, RedirectAttributes redirect) {
        try {
            photos.attach(id, CaseworkUploadsApi.upload(file), purpose);
            redirect.addFlashAttribute("done", "photo");
        } catch (DomainException e) {
            redirect.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:/casework/orders/" + id + "#photos";
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/casework/imports")
    String importsPage(@RequestParam(required = false) Long id, Model model) {
        if (id != null) model.addAttribute("job", imports.status(id));
        model.addAttribute("recent", imports.recent(RECENT));
        model.addAttribute("columns", OrderImport.COLUMNS);
        model.addAttribute("importMaxBytes", imports.maxBytes());
        return "casework/imports";
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @PostMapping("/casework/imports")
    String startImport(@RequestParam(required = false) MultipartFile file, Model model) {
        try {
            ImportStatus started = imports.start(file == null ? null : file.getOriginalFilename(), file == null ? 0 : file.getSize(),
                    file);
            return "redirect:/casework/imports?id=" + started.id();
        } catch (DomainException e) {
            List<?> problems = e.problems() == null ? List.of() : e.problems();
            // A file wrong on every line would make a page too long to read: the first lines say what to fix.
            model.addAttribute("error", e.getMessage());
            model.addAttribute("problems", problems.subList(0, Math.min(problems.size(), PROBLEMS_SHOWN)));
            model.addAttribute("problemsNotShown", Math.max(0, problems.size() - PROBLEMS_SHOWN));
            model.addAttribute("recent", imports.recent(RECENT));
            model.addAttribute("columns", OrderImport.COLUMNS);
            model.addAttribute("importMaxBytes", imports.maxBytes());
            return "casework/imports";
        }
    }

    /** The recent imports alone, polled by htmx while one of them is running. */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/casework/imports/recent")
    String recent(Model model) {
        model.addAttribute("recent", imports.recent(RECENT));
        return "casework/imports :: recent";
    }

    /** The progress bar alone, polled by htmx until the import has finished. */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/casework/imports/{id}/progress")
    String progress(@PathVariable long id, Model model) {
        model.addAttribute("job", imports.status(id));
        return "casework/imports :: progress";
    }
}

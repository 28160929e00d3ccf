package org.hemei.casework.web;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.hemei.casework.OrderExport;
import org.hemei.casework.OrderImport;
import org.hemei.casework.OrderImport.ImportStatus;
import org.hemei.casework.Orders;
import org.hemei.casework.Photos;
import org.hemei.casework.Status;
import org.hemei.identity.SignedIn;
import org.hemei.shared.DomainException;
import org.hemei.territory.Territory;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Pages for files: adding a photo from the order page, the 12345 centre's bulk import with its progress, and the
 * board's list exported as a spreadsheet.
 */
@Controller
class CaseworkUploadPages {

    /** Problems listed on the import page; the API's refusal carries them all. */
    static final int PROBLEMS_SHOWN = 200;
    private static final int RECENT = 10;

    private final Photos photos;
    private final OrderImport imports;
    private final OrderExport export;
    private final Territory territory;

    CaseworkUploadPages(Photos photos, OrderImport imports, OrderExport export, Territory territory) {
        this.photos = photos;
        this.imports = imports;
        this.export = export;
        this.territory = territory;
    }

    /** The board's list, every order of it with the board's filters, as a spreadsheet for the ledger (台账): started here. */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER')")
    @PostMapping("/casework/exports")
    String startExport(BoardFilter filter) {
        return "redirect:/casework/exports/" + export.start(filter.query(territory)).id();
    }

    /** How far along it is, refreshing itself while it runs; then the link. */
    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER')")
    @GetMapping("/casework/exports/{id}")
    String exportPage(@PathVariable long id, Model model) {
        model.addAttribute("job", export.job(id));
        return "casework/export";
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER','LEADER')")
    @GetMapping("/casework/exports/{id}/file")
    ResponseEntity<Resource> exportFile(@PathVariable long id) {
        OrderExport.Download file = export.file(id);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.name(), StandardCharsets.UTF_8).build()
                        .toString())
                .body(new FileSystemResource(file.path()));
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

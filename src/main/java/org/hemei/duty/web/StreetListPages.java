package org.hemei.duty.web;

import java.util.List;
import org.hemei.duty.StreetLists;
import org.hemei.identity.Staff;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Street duty lists as pages: the owners, one owner's list in force (or a version), its history, upload and download. */
@Controller
class StreetListPages {

    private final StreetLists lists;

    StreetListPages(StreetLists lists) {
        this.lists = lists;
    }

    @Staff
    @GetMapping("/duty/street-lists")
    String owners(@RequestParam(required = false) String street, @RequestParam(required = false) Integer page, Model model) {
        if (street != null && !street.isBlank()) return "redirect:/duty/street-lists/" + street.strip();
        model.addAttribute("result", lists.owners(Paging.page(page), 20));
        return "duty/street-lists";
    }

    @Staff
    @GetMapping("/duty/street-lists/{owner}")
    String owner(@PathVariable String owner, @RequestParam(required = false) String on, @RequestParam(required = false) Long version,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer vpage, Model model) {
        fill(owner, on, version, page, vpage, model);
        return "duty/street-list";
    }

    @PreAuthorize("hasAnyRole('ADMIN','UNIT_STAFF')")
    @PostMapping("/duty/street-lists/{owner}")
    String upload(@PathVariable String owner, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String effectiveFrom, Model model, RedirectAttributes redirect) {
        try {
            StreetLists.Imported imported = lists.importVersion(owner, StreetListApi.date(effectiveFrom, "effectiveFrom"),
                    file == null ? null : file.getOriginalFilename(), StreetListApi.bytes(file));
            redirect.addFlashAttribute("imported", imported.created() ? "created" : "unchanged");
            return "redirect:/duty/street-lists/" + imported.version().ownerCode() + "?version=" + imported.version().id();
        } catch (DomainException e) {
            fill(owner, null, null, null, null, model);
            model.addAttribute("error", e.getMessage());
            model.addAttribute("problems", e.problems() == null ? List.of() : e.problems());
            model.addAttribute("effectiveFrom", effectiveFrom);
            return "duty/street-list";
        }
    }

    @PreAuthorize("hasAnyRole('ADMIN','UNIT_STAFF')")
    @PostMapping("/duty/street-lists/versions/{id}/withdraw")
    String withdraw(@PathVariable long id, RedirectAttributes redirect) {
        StreetLists.VersionView v = lists.version(id);
        try {
            lists.withdraw(id);
            redirect.addFlashAttribute("imported", "withdrawn");
        } catch (DomainException e) {
            redirect.addFlashAttribute("withdrawError", e.getMessage());
        }
        return "redirect:/duty/street-lists/" + v.ownerCode();
    }

    private void fill(String owner, String on, Long version, Integer page, Integer vpage, Model model) {
        StreetLists.OwnerView o = lists.owner(owner);
        model.addAttribute("owner", o);
        model.addAttribute("on", on);
        if (version != null && !lists.version(version).ownerCode().equals(o.ownerCode())) {
            throw DomainException.notFound("该版本不属于此清单 / version " + version + " is not one of " + o.ownerCode());
        }
        model.addAttribute("view", version != null ? lists.items(version, Paging.page(page), 50)
                : inForce(o.ownerCode(), StreetListApi.date(on, "on"), page));
        model.addAttribute("versions", lists.versions(o.ownerCode(), Paging.page(vpage), 20));
        model.addAttribute("mayEdit", lists.mayEdit(o.ownerCode()));
        model.addAttribute("today", java.time.LocalDate.now(org.hemei.casework.TimeLimit.CHINA));
    }

    /** A department as the list shows it (department types by their Chinese name). */
    public static String department(String canonical) {
        return StreetLists.departmentLabel(canonical);
    }

    private StreetLists.ItemsView inForce(String owner, java.time.LocalDate on, Integer page) {
        try {
            return lists.inForce(owner, on, Paging.page(page), 50);
        } catch (DomainException e) {
            if (e.status() != org.springframework.http.HttpStatus.NOT_FOUND) throw e;
            return null; // no list in force that day: the page says so
        }
    }
}

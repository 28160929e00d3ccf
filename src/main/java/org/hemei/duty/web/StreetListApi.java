package org.hemei.duty.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.hemei.duty.StreetLists;
import org.hemei.duty.StreetLists.Imported;
import org.hemei.duty.StreetLists.ItemsView;
import org.hemei.duty.StreetLists.OwnerView;
import org.hemei.duty.StreetLists.VersionView;
import org.hemei.identity.Staff;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Street duty lists 街道履职事项清单: the city template ({@code template} or 430100) and each street's versions. */
@Tag(name = "street-lists", description = "街道履职事项清单 / street duty lists")
@RestController
class StreetListApi {

    static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final StreetLists lists;

    StreetListApi(StreetLists lists) {
        this.lists = lists;
    }

    @Staff
    @Operation(summary = "The city template and the streets with lists in my scope, each with the version in force today")
    @GetMapping("/api/duty/street-lists")
    Paging<OwnerView> owners(@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return lists.owners(Paging.page(page), Paging.size(size));
    }

    @Staff
    @Operation(summary = "One owner (template, 430100 or a street's 9-digit code): the version in force today and the next")
    @GetMapping("/api/duty/street-lists/{owner}")
    OwnerView owner(@PathVariable String owner) {
        return lists.owner(owner);
    }

    @Staff
    @Operation(summary = "An owner's versions, newest effective date first, with status SCHEDULED | IN_FORCE | SUPERSEDED")
    @GetMapping("/api/duty/street-lists/{owner}/versions")
    Paging<VersionView> versions(@PathVariable String owner, @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        return lists.versions(owner, Paging.page(page), Paging.size(size));
    }

    @Staff
    @Operation(summary = "The items in force for the owner on a day (?on=yyyy-mm-dd, default today): a street's own latest"
            + " version effective then, else the city template's (fromTemplate=true)")
    @GetMapping("/api/duty/street-lists/{owner}/items")
    ItemsView inForce(@PathVariable String owner, @RequestParam(required = false) String on,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return lists.inForce(owner, date(on, "on"), Paging.page(page), Paging.size(size));
    }

    @PreAuthorize("hasAnyRole('ADMIN','UNIT_STAFF')")
    @Operation(summary = "Import a version: multipart `file` (xlsx, columns 事项编号 Code, 事项名称 Name, 履职依据 Basis, 街道角色"
            + " Street role (主责/配合), 相关部门 Departments, 工单类别 Categories) and `effectiveFrom` (today or later). All or"
            + " nothing: 422 lists every problem with its row and column. 201 created; 200 when the same content was already"
            + " imported for that date; 409 when that date has another version. Admins: template and streets; a street's staff:"
            + " their street")
    @PostMapping("/api/duty/street-lists/{owner}/versions")
    ResponseEntity<Imported> importVersion(@PathVariable String owner, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String effectiveFrom) {
        Imported imported = lists.importVersion(owner, date(effectiveFrom, "effectiveFrom"), file == null ? null : file.getOriginalFilename(),
                bytes(file));
        return ResponseEntity.status(imported.created() ? HttpStatus.CREATED : HttpStatus.OK).body(imported);
    }

    @PreAuthorize("hasAnyRole('ADMIN','UNIT_STAFF')")
    @Operation(summary = "Withdraw a version not yet in force (409 once it has taken effect: history stays); same editors as import")
    @DeleteMapping("/api/duty/street-lists/versions/{id}")
    VersionView withdraw(@PathVariable long id) {
        return lists.withdraw(id);
    }

    @Staff
    @GetMapping("/api/duty/street-lists/versions/{id}")
    VersionView version(@PathVariable long id) {
        return lists.version(id);
    }

    @Staff
    @Operation(summary = "The items of one version, in file order")
    @GetMapping("/api/duty/street-lists/versions/{id}/items")
    ItemsView items(@PathVariable long id, @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return lists.items(id, Paging.page(page), Paging.size(size));
    }

    @Staff
    @Operation(summary = "One version as xlsx; the file imports back to the same items")
    @GetMapping("/api/duty/street-lists/versions/{id}/export")
    ResponseEntity<byte[]> export(@PathVariable long id) {
        StreetLists.Export export = lists.export(id);
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(export.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .body(export.bytes());
    }

    static LocalDate date(String value, String name) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw DomainException.badRequest(name + " 须为日期 yyyy-mm-dd / " + name + " must be a date yyyy-mm-dd: " + value);
        }
    }

    static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) return null;
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

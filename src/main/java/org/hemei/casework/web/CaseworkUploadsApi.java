package org.hemei.casework.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.hemei.casework.OrderImport;
import org.hemei.casework.OrderImport.ImportStatus;
import org.hemei.casework.Photos;
import org.hemei.identity.SignedIn;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Files in casework: photos of an order, and bulk imports of historical orders. Uploads are multipart with a part
 * named {@code file}; parameters are optional at binding and checked inside, so a refusal is about who calls.
 */
@Tag(name = "casework", description = "12345 + 网格工单 / hotline and grid work orders")
@RestController
@RequestMapping("/api/casework")
class CaseworkUploadsApi {

    /** A photo as listed, with the address of its image. */
    record PhotoView(long id, String contentType, long sizeBytes, String sha256, Photos.Purpose purpose, String uploadedBy,
            OffsetDateTime uploadedAt, String url) {

        static PhotoView of(Photos.Photo p) {
            return new PhotoView(p.id(), p.contentType(), p.sizeBytes(), p.sha256(), p.purpose(), p.uploadedBy(), p.uploadedAt(),
                    "/api/casework/orders/" + p.orderId() + "/photos/" + p.id());
        }
    }

    private final Photos photos;
    private final OrderImport imports;

    CaseworkUploadsApi(Photos photos, OrderImport imports) {
        this.photos = photos;
        this.imports = imports;
    }

    @SignedIn
    @Operation(summary = "Add a photo to an order: multipart `file` (JPEG, PNG or WebP, checked by content; 10 MB), optional"
            + " `purpose` INTAKE (the requester, the 12345 centre) or EVIDENCE (the lead unit). 201 new, 200 when the order"
            + " already has this image; 413 too large, 415 not an image")
    @PostMapping("/orders/{id}/photos")
    ResponseEntity<PhotoView> upload(@PathVariable long id, @RequestParam(required = false) MultipartFile file,
            @RequestParam(required = false) String purpose) {
        Photos.Attached attached = photos.attach(id, upload(file), purpose);
        PhotoView view = PhotoView.of(attached.photo());
        return ResponseEntity.status(attached.repeated() ? HttpStatus.OK : HttpStatus.CREATED).location(URI.create(view.url())).body(view);
    }

    @SignedIn
    @GetMapping("/orders/{id}/photos")
    List<PhotoView> photos(@PathVariable long id) {
        return photos.list(id).stream().map(PhotoView::of).toList();
    }

    @SignedIn
    @Operation(summary = "The photo's image, with its content type")
    @GetMapping("/orders/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable long id, @PathVariable long photoId) {
        Photos.Content content = photos.content(id, photoId);
        // A photo never changes under its id; only the signed-in viewer's browser may keep it.
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(content.contentType()))
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate()).body(content.bytes());
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "Import historical orders: multipart `file`, CSV (UTF-8, header row) or xlsx. The whole file is"
            + " validated first (422 lists every bad row, nothing imported); then 202 and the import runs in batches —"
            + " follow it at the Location")
    @PostMapping("/imports")
    ResponseEntity<ImportStatus> startImport(@RequestParam(required = false) MultipartFile file) {
        ImportStatus started = imports.start(file == null ? null : file.getOriginalFilename(), file == null ? 0 : file.getSize(), file);
        return ResponseEntity.accepted().location(URI.create("/api/casework/imports/" + started.id())).body(started);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @Operation(summary = "How far an import got: processed of total, created, skipped (imported before)")
    @GetMapping("/imports/{id}")
    ImportStatus importStatus(@PathVariable long id) {
        return imports.status(id);
    }

    @PreAuthorize("hasAnyRole('ADMIN','DISPATCHER')")
    @GetMapping("/imports")
    List<ImportStatus> recentImports() {
        return imports.recent(20);
    }

    static Photos.Upload upload(MultipartFile file) {
        // A form submitted without choosing a file sends an empty part without a name: no file.
        boolean none = file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank());
        return none ? null
                : new Photos.Upload(file.getOriginalFilename(), file.getContentType(), file.getSize(), file);
    }
}

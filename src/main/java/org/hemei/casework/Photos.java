package org.hemei.casework;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.hemei.identity.Actor;
import org.hemei.identity.Role;
import org.hemei.shared.DomainException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.InputStreamSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Photos of a work order: the requester's and the 12345 centre's at intake, the lead unit's as evidence of
 * handling. Each upload is checked by its content (JPEG, PNG or WebP, whatever its name or declared type says)
 * and its size before anything is stored; the same image is kept once per order. Every new photo is a PHOTO
 * step on the order's timeline. Everything goes through {@link OrderAccess}, so nobody reaches the photos of an
 * order they cannot see. What a photo says about its taker (EXIF position, camera, time) is removed before it is
 * stored ({@link PhotoMetadata}).
 */
@Service
public class Photos {

    /** Taken when reporting, as the lead unit's evidence of the work, or at the grid worker's on-site check. */
    public enum Purpose { INTAKE, EVIDENCE, CHECK }

    public record Photo(long id, long orderId, String contentType, long sizeBytes, String sha256, Purpose purpose,
            String uploadedBy, OffsetDateTime uploadedAt) {
    }

    /** An uploaded file as received: its name and declared type are only used to explain a refusal. */
    public record Upload(String filename, String declaredType, long size, InputStreamSource content) {
    }

    /** A checked photo: its bytes and the type its content shows. */
    public record Checked(byte[] bytes, String contentType) {
    }

    /** The photo, and whether the order already had this image. */
    public record Attached(Photo photo, boolean repeated) {
    }

    public record Content(String contentType, byte[] bytes) {
    }

    private static final RowMapper<Photo> PHOTO = (rs, i) -> new Photo(rs.getLong("id"), rs.getLong("work_order_id"),
            rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256"), Purpose.valueOf(rs.getString("purpose")),
            rs.getString("uploaded_by"), rs.getObject("uploaded_at", OffsetDateTime.class));

    private static final String COLUMNS = "id, work_order_id, content_type, size_bytes, sha256, purpose, uploaded_by, uploaded_at";

    private final OrderAccess access;
    private final Timeline timeline;
    private final PhotoStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final long maxBytes;

    Photos(OrderAccess access, Timeline timeline, PhotoStore store, JdbcClient jdbc, TransactionTemplate tx, Clock clock,
            @Value("${hemei.photos.max-bytes:10485760}") long maxBytes) {
        this.access = access;
        this.timeline = timeline;
        this.store = store;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** Checks an upload against the configured limit without storing it (e.g. before an order is created for it). */
    public Checked check(Upload upload) {
        return check(upload, maxBytes);
    }

    /**
     * 400 when empty, 413 when larger than {@code limit}, 415 when the content is not a JPEG, PNG or WebP image
     * (the message names what was received).
     */
    static Checked check(Upload upload, long limit) {
        if (upload == null || upload.content() == null) throw DomainException.badRequest("请选择照片文件 file / file is required");
        if (upload.size() > limit) throw tooLarge(upload, upload.size(), limit);
        byte[] bytes;
        try (InputStream in = upload.content().getInputStream()) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > limit) throw tooLarge(upload, bytes.length, limit); // the declared size was wrong
        if (bytes.length == 0) throw DomainException.badRequest("照片文件为空 / the file is empty: " + describe(upload));
        String type = detect(bytes);
        if (type == null) {
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "「" + name(upload) + "」不是 JPEG、PNG 或 WebP 照片（按文件内容检查），"
                    + "请选择照片文件 / " + describe(upload) + " is not a JPEG, PNG or WebP photo (checked by its content)");
        }
        try {
            return new Checked(PhotoMetadata.strip(bytes, type), type);
        } catch (PhotoMetadata.Damaged e) {
            throw DomainException.badRequest("照片文件已损坏 / the image is damaged: " + describe(upload) + " — " + e.getMessage());
        }
    }

    /** The image type by its first bytes (magic numbers), or null. */
    static String detect(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) return "image/jpeg";
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G' && b[4] == 0x0D && b[5] == 0x0A
                && b[6] == 0x1A && b[7] == 0x0A) {
            return "image/png";
        }
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B'
                && b[11] == 'P') {
            return "image/webp";
        }
        return null;
    }

    /** What the caller may attach to the order now: nothing, or INTAKE and/or EVIDENCE. */
    public Set<Purpose> mayAttach(long orderId) {
        return allowed(access.get(orderId), Actor.current());
    }

    public Attached attach(long orderId, Upload upload, String purpose) {
        WorkOrder order = access.get(orderId);
        Set<Purpose> allowed = allowed(order, Actor.current());
        if (allowed.isEmpty()) {
            throw new AccessDeniedException("only the requester, the 12345 centre, the lead unit or the grid worker checking on site may add photos to "
                    + orderId);
        }
        if (!order.getStatus().isOpen()) {
            throw WorkOrder.refused(order.getNumber(), order.getStatus(), "PHOTO");
        }
        Purpose p = purpose(purpose, allowed);
        Checked checked = check(upload, maxBytes);
        String sha256 = sha256(checked.bytes());
        Optional<Photo> existing = find(orderId, sha256);
        if (existing.isPresent()) return new Attached(existing.get(), true);

        String key = store.put(checked.bytes(), checked.contentType());
        try {
            Photo photo = tx.execute(s -> {
                OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
                jdbc.sql("insert into work_order_photo(work_order_id, storage_key, content_type, size_bytes, sha256, purpose,"
                        + " uploaded_by, uploaded_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(orderId, key, checked.contentType(), checked.bytes().length, sha256, p.name(),
                                Actor.current().username(), now)
                        .update();
                long id = lastId(orderId, sha256);
                timeline.append(orderId, new WorkOrder.Step("PHOTO", order.getStatus(), order.getStatus(),
                        p == Purpose.EVIDENCE ? order.getLeadUnitId() : null,
                        p + " #" + id + " " + checked.contentType() + " " + kilobytes(checked.bytes().length)));
                return find(orderId, sha256).orElseThrow();
            });
            return new Attached(photo, false);
        } catch (DuplicateKeyException raced) {
            // The same image arrived twice at once: the other upload stored it.
            store.delete(key);
            return new Attached(find(orderId, sha256).orElseThrow(() -> raced), true);
        } catch (RuntimeException e) {
            store.delete(key);
            throw e;
        }
    }

    public List<Photo> list(long orderId) {
        String hidden = OrderAccess.hiddenRequester(Actor.current(), access.get(orderId));
        List<Photo> photos = jdbc.sql("select " + COLUMNS + " from work_order_photo where work_order_id = ? order by id")
                .param(orderId).query(PHOTO).list();
        return photos.stream().map(p -> !p.uploadedBy().equals(hidden) ? p : new Photo(p.id(), p.orderId(), p.contentType(),
                p.sizeBytes(), p.sha256(), p.purpose(), OrderAccess.REQUESTER, p.uploadedAt())).toList();
    }

    public Content content(long orderId, long photoId) {
        access.get(orderId);
        return jdbc.sql("select content_type, storage_key from work_order_photo where id = ? and work_order_id = ?")
                .params(photoId, orderId)
                .query((rs, i) -> new Content(rs.getString(1), store.get(rs.getString(2))))
                .optional().orElseThrow(() -> DomainException.notFound("照片不存在 / no photo " + photoId + " on order " + orderId));
    }

    // ----

    /** The requester and the 12345 centre photograph the demand; the lead unit documents its handling. */
    private static Set<Purpose> allowed(WorkOrder o, Actor actor) {
        Set<Purpose> out = EnumSet.noneOf(Purpose.class);
        boolean centre = actor.isAdmin() || actor.has(Role.DISPATCHER);
        if (centre || o.getRequesterAccountId() != null && o.getRequesterAccountId() == actor.accountId()) out.add(Purpose.INTAKE);
        if (centre || (actor.has(Role.UNIT_STAFF) || actor.has(Role.GRID_WORKER)) && o.getLeadUnitId() != null
                && actor.scope().unitIds().contains(o.getLeadUnitId())) {
            out.add(Purpose.EVIDENCE);
        }
        // a check's photo while the check is due, by whoever checks
        if (o.getStatus() == Status.HANDLED && (centre || OrderAccess.checksOnSite(actor, o))) out.add(Purpose.CHECK);
        return out;
    }

    private static Purpose purpose(String requested, Set<Purpose> allowed) {
        if (requested == null || requested.isBlank()) return allowed.iterator().next(); // the first the caller may add
        Purpose p;
        try {
            p = Purpose.valueOf(requested.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("purpose 只能是 INTAKE、EVIDENCE 或 CHECK / purpose must be INTAKE, EVIDENCE or CHECK, got \""
                    + requested + "\"");
        }
        if (!allowed.contains(p)) {
            throw new AccessDeniedException("you may add " + allowed + " photos to this order, not " + p);
        }
        return p;
    }

    private long lastId(long orderId, String sha256) {
        return jdbc.sql("select id from work_order_photo where work_order_id = ? and sha256 = ?").params(orderId, sha256)
                .query(Long.class).single();
    }

    private Optional<Photo> find(long orderId, String sha256) {
        return jdbc.sql("select " + COLUMNS + " from work_order_photo where work_order_id = ? and sha256 = ?")
                .params(orderId, sha256).query(PHOTO).optional();
    }

    private static DomainException tooLarge(Upload upload, long size, long limit) {
        return new DomainException(HttpStatus.CONTENT_TOO_LARGE, "照片不能超过 " + megabytes(limit) + " / a photo may be at most "
                + megabytes(limit) + ": received " + describe(upload) + " of " + megabytes(size));
    }

    private static String name(Upload u) {
        return u.filename() == null || u.filename().isBlank() ? "(no name)" : u.filename();
    }

    private static String describe(Upload u) {
        return "\"" + name(u) + "\""
                + (u.declaredType() == null ? "" : " (declared " + u.declaredType() + ")");
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    private static String kilobytes(long bytes) {
        return String.format(Locale.ROOT, "%.0f KB", Math.ceil(bytes / 1024.0));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

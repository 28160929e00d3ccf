package org.hemei.casework.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.hemei.casework.PhotoStore;
import org.hemei.shared.DomainException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Photos as files under {@code hemei.photos.dir}: {@code yyyy/MM/<uuid>.<ext>}. A file is written beside its
 * final name and moved into place, so a reader never sees half a photo. Keys are checked against their own
 * pattern before they touch the file system.
 */
@Component
@ConditionalOnProperty(name = "hemei.photos.store", havingValue = "local", matchIfMissing = true)
public class LocalDiskPhotoStore implements PhotoStore {

    private static final Pattern KEY = Pattern.compile("\\d{4}/\\d{2}/[0-9a-f-]{36}\\.(jpg|png|webp)");

    private final Path root;

    public LocalDiskPhotoStore(@Value("${hemei.photos.dir:./data/photos}") Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    @Override
    public String put(byte[] bytes, String contentType) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String key = String.format("%04d/%02d/%s.%s", today.getYear(), today.getMonthValue(), UUID.randomUUID(), extension(contentType));
        Path target = resolve(key);
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), ".upload-", ".part");
            try {
                Files.write(partial, bytes);
                try {
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, target);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store photo under " + root, e);
        }
    }

    @Override
    public byte[] get(String key) {
        try {
            return Files.readAllBytes(resolve(key));
        } catch (NoSuchFileException e) {
            throw DomainException.notFound("照片文件不存在 / the photo's file is missing: " + key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            Files.deleteIfExists(resolve(key));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path resolve(String key) {
        if (key == null || !KEY.matcher(key).matches()) throw new IllegalArgumentException("not a photo key: " + key);
        return root.resolve(key);
    }

    private static String extension(String contentType) {
        return switch (contentType) {
            case "image/jpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/webp" -> "webp";
            default -> throw new IllegalArgumentException("not a photo type: " + contentType);
        };
    }
}

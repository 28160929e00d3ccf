package org.hemei.casework;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/**
 * Removes what a photo says about its taker before it is stored: EXIF (GPS position, time, camera serial), XMP, IPTC,
 * comments and text chunks, and the extra images phones append to a JPEG. Units see residents' photos, and a
 * confidential requester's home position must not travel with them. Lossless: the image data is copied as it is.
 * A JPEG's orientation is kept (as a minimal EXIF block holding only it) so that portrait phone photos stay upright.
 */
final class PhotoMetadata {

    /** The structure of the image could not be followed: the file is damaged or not what its first bytes claim. */
    static final class Damaged extends RuntimeException {
        Damaged(String why) {
            super(why, null, false, false);
        }
    }

    private static final byte[] EXIF = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte[] ICC = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final Set<String> PNG_DROPPED = Set.of("eXIf", "tEXt", "zTXt", "iTXt", "tIME");

    private PhotoMetadata() {
    }

    static byte[] strip(byte[] image, String contentType) {
        try {
            return switch (contentType) {
                case "image/jpeg" -> jpeg(image);
                case "image/png" -> png(image);
                case "image/webp" -> webp(image);
                default -> throw new IllegalArgumentException(contentType);
            };
        } catch (IndexOutOfBoundsException e) {
            throw new Damaged("the file ends inside the image structure");
        }
    }

    // ---- JPEG: markers FF xx; segments with a 2-byte length; entropy-coded data after each SOS

    private static byte[] jpeg(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(0xFF);
        out.write(0xD8);
        int orientation = 1;
        int p = 2;
        while (true) {
            if (p >= in.length) { // cameras and uploads sometimes lose the end marker: the image is still whole
                out.write(0xFF);
                out.write(0xD9);
                return out.toByteArray();
            }
            if (u8(in, p) != 0xFF) throw new Damaged("no JPEG marker at byte " + p);
            while (u8(in, p) == 0xFF) p++; // fill bytes
            int marker = u8(in, p++);
            if (marker == 0xD9) { // end of image: whatever follows (phones' extra images) is dropped
                out.write(0xFF);
                out.write(0xD9);
                return out.toByteArray();
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) throw new Damaged("unexpected JPEG marker " + marker);
            int length = u16(in, p, false);
            if (length < 2) throw new Damaged("bad JPEG segment length at byte " + p);
            int start = p - 2;
            int end = p + length;
            if (end > in.length) throw new Damaged("JPEG segment runs past the end of the file");
            if (marker == 0xE1 && startsWith(in, p + 2, EXIF)) orientation = exifOrientation(in, p + 2 + EXIF.length, end);
            if (keepJpegSegment(marker, in, p + 2)) {
                if (marker == 0xC0 || marker == 0xC2 || marker == 0xDB || marker == 0xC4) orientation = writeOrientation(out, orientation);
                out.write(in, start, end - start);
            }
            p = end;
            if (marker == 0xDA) p = copyScan(in, p, out);
        }
    }

    /** APP0 (JFIF), ICC profiles in APP2 and Adobe's APP14 matter for display; other APPn and comments do not. */
    private static boolean keepJpegSegment(int marker, byte[] in, int data) {
        if (marker == 0xFE) return false;
        if (marker < 0xE0 || marker > 0xEF) return true;
        return marker == 0xE0 || marker == 0xEE || (marker == 0xE2 && startsWith(in, data, ICC));
    }

    /** Copies entropy-coded data up to the next real marker (FF00 is a stuffed byte, FFD0–D7 restart markers). */
    private static int copyScan(byte[] in, int p, ByteArrayOutputStream out) {
        int start = p;
        while (p < in.length) {
            if (u8(in, p) == 0xFF && p + 1 < in.length) {
                int next = u8(in, p + 1);
                if (next != 0x00 && !(next >= 0xD0 && next <= 0xD7)) break;
            }
            p++;
        }
        out.write(in, start, p - start);
        return p;
    }

    /** Once, before the first table or frame segment: the orientation as the only EXIF entry, when not upright. */
    private static int writeOrientation(ByteArrayOutputStream out, int orientation) {
        if (orientation <= 1 || orientation > 8) return 1;
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0};
        int length = 2 + EXIF.length + tiff.length;
        out.write(0xFF);
        out.write(0xE1);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes(EXIF);
        out.writeBytes(tiff);
        return 1;
    }

    /** Tag 0x0112 of IFD0 in a TIFF structure (either byte order); 1 (upright) when absent or unreadable. */
    private static int exifOrientation(byte[] in, int tiff, int end) {
        try {
            boolean little = u8(in, tiff) == 'I';
            int ifd = tiff + (int) u32(in, tiff + 4, little);
            int entries = u16(in, ifd, little);
            for (int i = 0; i < entries; i++) {
                int e = ifd + 2 + 12 * i;
                if (e + 12 > end) break;
                if (u16(in, e, little) == 0x0112) return u16(in, e + 8, little);
            }
        } catch (IndexOutOfBoundsException unreadable) {
            // a broken EXIF block only loses the orientation: the image itself is intact
        }
        return 1;
    }

    // ---- PNG: signature, then chunks of length, type, data, CRC

    private static byte[] png(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 8);
        int p = 8;
        while (p < in.length) {
            long length = u32(in, p, false);
            if (length > in.length - p - 12) throw new Damaged("PNG chunk runs past the end of the file");
            String type = new String(in, p + 4, 4, StandardCharsets.ISO_8859_1);
            int end = p + 12 + (int) length;
            if (!PNG_DROPPED.contains(type)) out.write(in, p, end - p);
            p = end;
            if (type.equals("IEND")) return out.toByteArray();
        }
        throw new Damaged("PNG without its end chunk");
    }

    // ---- WebP: RIFF container of chunks (FourCC, little-endian size, data padded to even length)

    private static byte[] webp(byte[] in) {
        ByteArrayOutputStream body = new ByteArrayOutputStream(in.length);
        int riffEnd = (int) Math.min(in.length, 8 + u32(in, 4, true));
        int p = 12;
        while (p + 8 <= riffEnd) {
            String type = new String(in, p, 4, StandardCharsets.ISO_8859_1);
            long size = u32(in, p + 4, true);
            if (size > riffEnd - p - 8) throw new Damaged("WebP chunk runs past the end of the file");
            int end = p + 8 + (int) size + (int) (size & 1);
            end = Math.min(end, riffEnd);
            if (type.equals("VP8X")) {
                byte[] chunk = Arrays.copyOfRange(in, p, end);
                chunk[8] &= ~0x0C; // the EXIF and XMP flags: those chunks are gone
                body.writeBytes(chunk);
            } else if (!type.equals("EXIF") && !type.equals("XMP ")) {
                body.write(in, p, end - p);
            }
            p = end;
        }
        if (body.size() == 0) throw new Damaged("WebP without image data");
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.size() + 12);
        out.writeBytes("RIFF".getBytes(StandardCharsets.ISO_8859_1));
        int size = body.size() + 4;
        out.writeBytes(new byte[] {(byte) size, (byte) (size >> 8), (byte) (size >> 16), (byte) (size >> 24)});
        out.writeBytes("WEBP".getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }

    // ---- bytes

    private static int u8(byte[] b, int i) {
        return b[i] & 0xFF;
    }

    private static int u16(byte[] b, int i, boolean little) {
        return little ? u8(b, i) | u8(b, i + 1) << 8 : u8(b, i) << 8 | u8(b, i + 1);
    }

    private static long u32(byte[] b, int i, boolean little) {
        long v = little ? u16(b, i, true) | (long) u16(b, i + 2, true) << 16 : (long) u16(b, i, false) << 16 | u16(b, i + 2, false);
        return v & 0xFFFFFFFFL;
    }

    private static boolean startsWith(byte[] b, int at, byte[] prefix) {
        if (at + prefix.length > b.length) return false;
        for (int i = 0; i < prefix.length; i++) if (b[at + i] != prefix[i]) return false;
        return true;
    }
}

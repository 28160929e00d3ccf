package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** What a photo says about its taker is gone before storage; the picture, and a JPEG's orientation, are not. */
class PhotoMetadataTest {

    private static final String SECRET = "SecretPhone GPS 28.19N 112.97E";

    @Test
    void jpegLosesExifCommentsAndAppendedImagesButKeepsPixelsAndOrientation() throws IOException {
        byte[] plain = image("jpg");
        byte[] tagged = concat(insertAfterApp0(plain, concat(exifSegment(6, SECRET), segment(0xFE, ascii("taken at home")))),
                ascii("trailing MPF image " + SECRET));

        byte[] stripped = PhotoMetadata.strip(tagged, "image/jpeg");

        assertThat(contains(stripped, ascii("SecretPhone"))).isFalse();
        assertThat(contains(stripped, ascii("taken at home"))).isFalse();
        assertThat(pixels(stripped)).isEqualTo(pixels(plain));
        assertThat(orientation(stripped)).isEqualTo(6);
        assertThat(stripped[stripped.length - 2] & 0xFF).isEqualTo(0xFF);
        assertThat(stripped[stripped.length - 1] & 0xFF).isEqualTo(0xD9);
    }

    @Test
    void anUprightJpegWithoutMetadataIsUnchanged() throws IOException {
        byte[] plain = image("jpg");
        assertThat(PhotoMetadata.strip(plain, "image/jpeg")).isEqualTo(plain);
        byte[] upright = insertAfterApp0(plain, exifSegment(1, SECRET));
        assertThat(PhotoMetadata.strip(upright, "image/jpeg")).isEqualTo(plain);
    }

    @Test
    void aJpegCutBeforeItsEndMarkerIsStillAccepted() throws IOException {
        byte[] plain = image("jpg");
        byte[] cut = Arrays.copyOf(plain, plain.length - 2);
        assertThat(PhotoMetadata.strip(cut, "image/jpeg")).isEqualTo(plain);
    }

    @Test
    void pngLosesTextAndExifChunks() throws IOException {
        byte[] plain = image("png");
        int afterHeader = 8 + 8 + 13 + 4; // signature, then IHDR
        byte[] tagged = concat(Arrays.copyOf(plain, afterHeader), pngChunk("tEXt", "Comment\0" + SECRET),
                pngChunk("eXIf", "MM\0*" + SECRET), Arrays.copyOfRange(plain, afterHeader, plain.length));
        assertThat(pixels(tagged)).isEqualTo(pixels(plain));

        byte[] stripped = PhotoMetadata.strip(tagged, "image/png");

        assertThat(stripped).isEqualTo(plain);
    }

    @Test
    void webpLosesExifAndXmpChunksAndItsFlags() {
        byte[] vp8x = new byte[10];
        vp8x[0] = 0x08 | 0x04 | 0x10; // EXIF, XMP and alpha
        byte[] image = new byte[] {1, 2, 3, 4, 5};
        byte[] tagged = riff(concat(webpChunk("VP8X", vp8x), webpChunk("VP8L", image), webpChunk("EXIF", ascii(SECRET)),
                webpChunk("XMP ", ascii("<x:xmpmeta/>"))));

        byte[] stripped = PhotoMetadata.strip(tagged, "image/webp");

        vp8x[0] = 0x10;
        assertThat(stripped).isEqualTo(riff(concat(webpChunk("VP8X", vp8x), webpChunk("VP8L", image))));
    }

    @Test
    void aDamagedStructureIsRefused() throws IOException {
        byte[] png = image("png");
        assertThatThrownBy(() -> PhotoMetadata.strip(Arrays.copyOf(png, 40), "image/png")).isInstanceOf(PhotoMetadata.Damaged.class);
        byte[] notJpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0x7F, 0x00, 1, 2};
        assertThatThrownBy(() -> PhotoMetadata.strip(notJpeg, "image/jpeg")).isInstanceOf(PhotoMetadata.Damaged.class);
    }

    // ---- building images

    static byte[] image(String format) throws IOException {
        BufferedImage img = new BufferedImage(24, 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 12, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    /** An EXIF APP1 segment with IFD0 holding the orientation and a Make string. */
    static byte[] exifSegment(int orientation, String make) {
        byte[] text = ascii(make + "\0");
        ByteBuffer tiff = ByteBuffer.allocate(8 + 2 + 2 * 12 + 4 + text.length).order(ByteOrder.BIG_ENDIAN);
        tiff.put(ascii("MM")).putShort((short) 42).putInt(8).putShort((short) 2);
        tiff.putShort((short) 0x010F).putShort((short) 2).putInt(text.length).putInt(8 + 2 + 24 + 4);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0).put(text);
        return segment(0xE1, concat(ascii("Exif\0\0"), tiff.array()));
    }

    private static byte[] segment(int marker, byte[] data) {
        int length = data.length + 2;
        return concat(new byte[] {(byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length}, data);
    }

    private static byte[] insertAfterApp0(byte[] jpeg, byte[] inserted) {
        int app0End = 4 + ((jpeg[4] & 0xFF) << 8 | (jpeg[5] & 0xFF));
        return concat(Arrays.copyOf(jpeg, app0End), inserted, Arrays.copyOfRange(jpeg, app0End, jpeg.length));
    }

    private static byte[] pngChunk(String type, String data) {
        byte[] body = concat(ascii(type), data.getBytes(StandardCharsets.ISO_8859_1));
        CRC32 crc = new CRC32();
        crc.update(body);
        return concat(ByteBuffer.allocate(4).putInt(body.length - 4).array(), body, ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] webpChunk(String type, byte[] data) {
        byte[] size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(data.length).array();
        return concat(ascii(type), size, data, new byte[data.length % 2]);
    }

    private static byte[] riff(byte[] chunks) {
        byte[] size = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(chunks.length + 4).array();
        return concat(ascii("RIFF"), size, ascii("WEBP"), chunks);
    }

    // ---- reading

    private static int[] pixels(byte[] image) throws IOException {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(image));
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** The orientation in the first APP1 Exif segment (as written by PhotoMetadata), or 1. */
    private static int orientation(byte[] jpeg) {
        int p = 2;
        while ((jpeg[p] & 0xFF) == 0xFF && (jpeg[p + 1] & 0xFF) != 0xDA) {
            int length = (jpeg[p + 2] & 0xFF) << 8 | (jpeg[p + 3] & 0xFF);
            if ((jpeg[p + 1] & 0xFF) == 0xE1) {
                ByteBuffer tiff = ByteBuffer.wrap(jpeg, p + 4 + 6, length - 8).slice().order(ByteOrder.BIG_ENDIAN);
                int ifd = tiff.getInt(4);
                for (int i = 0; i < tiff.getShort(ifd); i++) {
                    if (tiff.getShort(ifd + 2 + 12 * i) == 0x0112) return tiff.getShort(ifd + 2 + 12 * i + 8);
                }
            }
            p += 2 + length;
        }
        return 1;
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}

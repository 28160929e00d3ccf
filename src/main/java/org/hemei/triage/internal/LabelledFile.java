package org.hemei.triage.internal;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hemei.triage.internal.Csv.CsvException;

/**
 * Reads labelled messages from a table with a header row naming at least {@code title}, {@code body} and
 * {@code label} (other columns such as {@code id} are ignored): a UTF-8 CSV or, for a file that starts like a
 * ZIP archive, the first sheet of an xlsx workbook. Every problem names the file and the line (or row).
 */
public final class LabelledFile {

    private LabelledFile() {
    }

    public static List<LabelledText> read(Path file) {
        return read(file, true);
    }

    /** Messages with or without a label column (unlabelled ones get the label ""). */
    public static List<LabelledText> read(Path file, boolean labelled) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CsvException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new CsvException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        return read(bytes, file.toString(), labelled);
    }

    /** Messages without a category (title, body), with the official answer when the table has a {@code reply} column. */
    public static List<SelfTraining.Unlabelled> unlabelled(Path file) {
        List<LabelledText> texts = read(file, false);
        List<Csv.Row> rows;
        try {
            rows = Csv.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CsvException(file.toString(), 0, "cannot read: " + e.getMessage());
        }
        int reply = column(rows.get(0), "reply");
        List<SelfTraining.Unlabelled> out = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            LabelledText t = texts.get(i);
            out.add(new SelfTraining.Unlabelled(t.title(), t.body(), reply < 0 ? "" : rows.get(i + 1).fields().get(reply).strip()));
        }
        return out;
    }

    public static List<LabelledText> read(byte[] bytes, String source) {
        return read(bytes, source, true);
    }

    public static List<LabelledText> read(byte[] bytes, String source, boolean labelled) {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return table(Xlsx.rows(bytes, source), source, labelled);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            int line = 1;
            int bad = firstInvalidUtf8(bytes);
            for (int i = 0; i < bad; i++) if (bytes[i] == '\n') line++;
            throw new CsvException(source, line, "not UTF-8 text (save the file as CSV UTF-8)");
        }
        return table(Csv.parse(text, source), source, labelled);
    }

    static List<LabelledText> table(List<Csv.Row> rows, String source, boolean labelled) {
        if (rows.isEmpty()) throw new CsvException(source, 1, "the file is empty; expected a header with title,body,label");
        Csv.Row header = rows.get(0);
        int title = column(header, "title");
        int body = column(header, "body");
        int label = column(header, "label");
        List<String> missing = new ArrayList<>();
        if (title < 0) missing.add("title");
        if (body < 0) missing.add("body");
        if (label < 0 && labelled) missing.add("label");
        if (!missing.isEmpty()) {
            throw new CsvException(source, header.line(), "the header lacks the column(s) " + String.join(", ", missing)
                    + " (found " + String.join(",", header.fields()) + ")");
        }
        int width = header.fields().size();
        List<LabelledText> out = new ArrayList<>();
        for (Csv.Row r : rows.subList(1, rows.size())) {
            if (r.fields().size() != width) {
                throw new CsvException(source, r.line(), "expected " + width + " fields as in the header, found " + r.fields().size()
                        + " (a field with commas or line breaks must be in double quotes)");
            }
            String l = label < 0 ? "" : r.fields().get(label).strip();
            if (l.isEmpty() && labelled) throw new CsvException(source, r.line(), "the label is empty");
            String t = r.fields().get(title).strip();
            String b = r.fields().get(body).strip();
            if (t.isEmpty() && b.isEmpty()) throw new CsvException(source, r.line(), "both title and body are empty");
            out.add(new LabelledText(t, b, l));
        }
        if (out.isEmpty()) throw new CsvException(source, header.line(), "a header but no messages");
        return out;
    }

    private static int column(Csv.Row header, String name) {
        for (int i = 0; i < header.fields().size(); i++) {
            if (header.fields().get(i).strip().toLowerCase(Locale.ROOT).equals(name)) return i;
        }
        return -1;
    }

    private static int firstInvalidUtf8(byte[] b) {
        int i = 0;
        while (i < b.length) {
            int c = b[i] & 0xff;
            int n = c < 0x80 ? 0 : c >= 0xc2 && c < 0xe0 ? 1 : c >= 0xe0 && c < 0xf0 ? 2 : c >= 0xf0 && c < 0xf5 ? 3 : -1;
            if (n < 0 || i + n >= b.length + (n == 0 ? 1 : 0) && n > 0) return i;
            for (int k = 1; k <= n; k++) if ((b[i + k] & 0xc0) != 0x80) return i;
            i += n + 1;
        }
        return b.length;
    }
}

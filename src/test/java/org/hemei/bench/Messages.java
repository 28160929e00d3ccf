package org.hemei.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The texts of the TipDM message board ({@code ../shared/data/tipdm/messages.csv}), read with a small RFC 4180
 * parser (quoted fields may hold commas, doubled quotes and newlines). The data is never copied into the project.
 */
final class Messages {

    /** One message: a title (≤ 200 chars) and a text (≤ 4,000 chars, the API's limits). */
    record Message(int row, String title, String text) {
    }

    static final Path DEFAULT = Path.of("../shared/data/tipdm/messages.csv");

    private Messages() {
    }

    /** The messages, or null (after saying why) when the file is absent. */
    static List<Message> load(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            System.err.println("SKIPPED: " + file.toAbsolutePath().normalize() + " not found — the TipDM messages are not part of"
                    + " the project; put them at ../shared/data/tipdm/messages.csv or pass --csv <file>.");
            return null;
        }
        List<List<String>> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        int title = column(header, "title_named", "title");
        int body = column(header, "body_named", "body");
        List<Message> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> r = rows.get(i);
            if (r.size() <= Math.max(title, body)) continue;
            String text = r.get(body).strip();
            if (text.isEmpty()) continue;
            String t = r.get(title).strip();
            out.add(new Message(i, t.isEmpty() ? null : cut(t, 200), cut(text, 4000)));
        }
        return out;
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    private static int column(List<String> header, String preferred, String fallback) {
        int i = header.indexOf(preferred);
        if (i < 0) i = header.indexOf(fallback);
        if (i < 0) throw new IllegalArgumentException("messages.csv has neither " + preferred + " nor " + fallback + ": " + header);
        return i;
    }

    /** RFC 4180: fields separated by commas, records by CRLF or LF; quoted fields may contain both and "" for ". */
    static List<List<String>> parse(String s) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        if (s.startsWith("\uFEFF")) i = 1;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}

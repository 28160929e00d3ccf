package org.hemei.triage.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 4180 reader: comma-separated, fields optionally in double quotes, a doubled quote inside quotes is one
 * quote, commas and line breaks inside quotes belong to the field, CRLF or LF between records, a UTF-8 byte order
 * mark at the start is skipped, blank lines are skipped. Each record remembers the line it starts on, so errors
 * can name it.
 */
public final class Csv {

    /** One record: its fields and the (1-based) line of the file it starts on. */
    public record Row(int line, List<String> fields) {
    }

    /** A file that is not valid CSV or not the expected table, naming the source and line. */
    public static final class CsvException extends RuntimeException {
        private final int line;

        public CsvException(String source, int line, String problem) {
            super(source + ", line " + line + ": " + problem);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private Csv() {
    }

    public static List<Row> parse(String text, String source) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = text.startsWith("\uFEFF") ? 1 : 0;
        int n = text.length();
        int line = 1;
        int recordLine = 1;
        boolean fieldQuoted = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"') {
                if (field.length() > 0 || fieldQuoted) {
                    throw new CsvException(source, line, "a quote inside an unquoted field (quote the whole field and double the quote)");
                }
                int opened = line;
                fieldQuoted = true;
                i++;
                while (true) {
                    if (i >= n) throw new CsvException(source, opened, "the quoted field opened on this line is never closed");
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    if (q == '\n') line++;
                    field.append(q);
                    i++;
                }
                if (i < n && text.charAt(i) != ',' && text.charAt(i) != '\n' && text.charAt(i) != '\r') {
                    throw new CsvException(source, line, "unexpected '" + text.charAt(i)
                            + "' after a closing quote (a quote inside a quoted field must be doubled)");
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldQuoted = false;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                i += c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n' ? 2 : 1;
                if (!fields.isEmpty() || field.length() > 0 || fieldQuoted) {
                    fields.add(field.toString());
                    rows.add(new Row(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                fieldQuoted = false;
                line++;
                recordLine = line;
                continue;
            }
            field.append(c);
            i++;
        }
        if (!fields.isEmpty() || field.length() > 0 || fieldQuoted) {
            fields.add(field.toString());
            rows.add(new Row(recordLine, List.copyOf(fields)));
        }
        return rows;
    }
}

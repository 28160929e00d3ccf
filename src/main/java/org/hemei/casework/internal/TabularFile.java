package org.hemei.casework.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.eventusermodel.XSSFSheetXMLHandler;
import org.apache.poi.xssf.usermodel.XSSFComment;
import org.hemei.shared.DomainException;
import org.springframework.http.HttpStatus;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;

/**
 * A table from an uploaded file: CSV (UTF-8, a header row, RFC 4180 quoting including line breaks inside quotes)
 * or the first sheet of an xlsx workbook (read as a stream, so large files do not build a workbook in memory).
 * The format is told by content, not by name. Row numbers are those a person sees: the CSV line a record starts
 * on, or the spreadsheet's row number; the header is 1. Date cells of a workbook come out as ISO-8601 local times.
 */
public final class TabularFile {

    /** One data row: the cells in header order (fewer or more when the file is ragged). */
    public record Row(int line, List<String> cells) {

        public String cell(int index) {
            return index < 0 || index >= cells.size() ? "" : cells.get(index);
        }
    }

    /** A problem with the file's structure, at a line. */
    public record Problem(int line, String message) {
    }

    public record Table(String format, List<String> header, List<Row> rows, List<Problem> problems) {
    }

    private TabularFile() {
    }

    public static Table read(byte[] bytes) {
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) return xlsx(bytes);
        if (bytes.length >= 4 && (bytes[0] & 0xff) == 0xD0 && (bytes[1] & 0xff) == 0xCF && (bytes[2] & 0xff) == 0x11
                && (bytes[3] & 0xff) == 0xE0) {
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不支持旧版 Excel（.xls）文件，请另存为 .xlsx 或 CSV UTF-8"
                    + " / Excel 97–2003 (.xls) files are not supported: save as .xlsx or CSV UTF-8");
        }
        return csv(bytes);
    }

    // ---- CSV

    static Table csv(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "文件不是 UTF-8 编码的 CSV（可能是 GBK），请在 Excel 中另存为“CSV UTF-8”"
                    + " / the file is neither xlsx nor UTF-8 CSV (GBK, perhaps?): save it as \"CSV UTF-8\"");
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Row> records = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean afterQuote = false;
        int line = 1;
        int start = 1;
        int quoteLine = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    field.append('\n'); // a line break inside quotes is kept as \n
                    i++;
                    line++;
                } else {
                    if (c == '\n') line++;
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                add(records, start, fields);
                fields = new ArrayList<>();
                line++;
                start = line;
            } else if (c == '"' && field.isEmpty() && !afterQuote) {
                quoted = true;
                quoteLine = line;
            } else {
                if (afterQuote || c == '"') {
                    problems.add(new Problem(line, "引号用法不正确（字段中的引号须写成两个 \"\"）/ stray quote: a quote inside a field must be"
                            + " doubled (\"\") and the field quoted"));
                    afterQuote = false;
                }
                field.append(c);
            }
        }
        if (quoted) {
            problems.add(new Problem(quoteLine, "引号未闭合 / a quoted field opened here is never closed"));
        } else if (!field.isEmpty() || !fields.isEmpty()) {
            fields.add(field.toString());
            add(records, start, fields);
        }
        if (records.isEmpty()) return new Table("csv", List.of(), List.of(), problems);
        return new Table("csv", records.get(0).cells(), records.subList(1, records.size()), problems);
    }

    private static void add(List<Row> records, int line, List<String> fields) {
        if (fields.stream().allMatch(String::isBlank)) return; // blank lines carry nothing
        records.add(new Row(line, List.copyOf(fields)));
    }

    // ---- xlsx

    static Table xlsx(byte[] bytes) {
        try (OPCPackage pkg = OPCPackage.open(new ByteArrayInputStream(bytes))) {
            XSSFReader reader = new XSSFReader(pkg);
            ReadOnlySharedStringsTable strings = new ReadOnlySharedStringsTable(pkg);
            Iterator<InputStream> sheets = reader.getSheetsData();
            if (!sheets.hasNext()) return new Table("xlsx", List.of(), List.of(), List.of());
            Collector rows = new Collector();
            try (InputStream sheet = sheets.next()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(new XSSFSheetXMLHandler(reader.getStylesTable(), strings, rows, new IsoDates(), false));
                parser.parse(new InputSource(sheet));
            }
            if (rows.rows.isEmpty()) return new Table("xlsx", List.of(), List.of(), List.of());
            List<Row> all = rows.rows;
            return new Table("xlsx", all.get(0).cells(), all.subList(1, all.size()), List.of());
        } catch (IOException | OpenXML4JException | SAXException | javax.xml.parsers.ParserConfigurationException | RuntimeException e) {
            if (e instanceof DomainException d) throw d;
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "无法读取该 xlsx 文件 / cannot read this xlsx workbook: "
                    + e.getMessage());
        }
    }

    /** Collects the first sheet's rows; the first non-blank row is the header. */
    private static final class Collector implements XSSFSheetXMLHandler.SheetContentsHandler {

        final List<Row> rows = new ArrayList<>();
        private List<String> current;
        private int column;

        @Override
        public void startRow(int rowNum) {
            current = new ArrayList<>();
            column = -1;
        }

        @Override
        public void endRow(int rowNum) {
            add(rows, rowNum + 1, current);
        }

        @Override
        public void cell(String reference, String value, XSSFComment comment) {
            column = reference == null ? column + 1 : new CellReference(reference).getCol();
            while (current.size() < column) current.add("");
            current.add(value == null ? "" : value);
        }
    }

    /** Date cells as ISO-8601 local date-times (not the sheet's display format); whole numbers without a fraction. */
    private static final class IsoDates extends DataFormatter {

        private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

        @Override
        public String formatRawCellContents(double value, int formatIndex, String formatString, boolean use1904Windowing) {
            if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
                LocalDateTime t = DateUtil.getLocalDateTime(value, use1904Windowing, true);
                return ISO.format(t);
            }
            if ((formatIndex == 0 || "General".equalsIgnoreCase(formatString)) && value == Math.rint(value) && Math.abs(value) < 1e15) {
                return Long.toString((long) value); // a phone number typed as a number stays all digits
            }
            return super.formatRawCellContents(value, formatIndex, formatString, use1904Windowing);
        }
    }
}

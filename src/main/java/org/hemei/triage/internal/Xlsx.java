package org.hemei.triage.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hemei.triage.internal.Csv.CsvException;

/** The first sheet of an xlsx workbook as rows of text, each with its spreadsheet row number. */
final class Xlsx {

    private Xlsx() {
    }

    static List<Csv.Row> rows(byte[] bytes, String source) {
        try (Workbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            if (book.getNumberOfSheets() == 0) throw new CsvException(source, 1, "the workbook has no sheet");
            Sheet sheet = book.getSheetAt(0);
            DataFormatter format = new DataFormatter();
            List<Csv.Row> rows = new ArrayList<>();
            int width = -1;
            for (Row row : sheet) {
                short last = row.getLastCellNum();
                int n = width < 0 ? Math.max(last, 0) : width;
                List<String> fields = new ArrayList<>(n);
                boolean blank = true;
                for (int c = 0; c < Math.max(n, last); c++) {
                    Cell cell = row.getCell(c);
                    String v = cell == null ? "" : format.formatCellValue(cell);
                    if (!v.isBlank()) blank = false;
                    if (c < n) fields.add(v);
                    else if (!v.isBlank()) fields.add(v); // a stray cell beyond the header: counted, so it is reported
                }
                if (blank) continue;
                if (width < 0) {
                    while (!fields.isEmpty() && fields.get(fields.size() - 1).isBlank()) fields.remove(fields.size() - 1);
                    width = fields.size();
                }
                rows.add(new Csv.Row(row.getRowNum() + 1, fields));
            }
            return rows;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CsvException c) throw c;
            throw new CsvException(source, 0, "not a readable xlsx workbook: " + e.getMessage());
        }
    }
}

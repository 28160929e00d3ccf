package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.junit.jupiter.api.Test;

/** An export longer than a sheet can hold goes on in a new sheet, headed again, and loses no order. */
class OrderExportSheetsTest {

    @Test
    void aFullSheetIsFollowedByAnotherWithTheHeadings() throws Exception {
        try (SXSSFWorkbook book = new SXSSFWorkbook(10)) {
            OrderExport.Sheets sheets = new OrderExport.Sheets(book, 2, "工单", List.of("编号", "标题"));
            for (int i = 0; i < 5; i++) sheets.next().createCell(0).setCellValue("N" + i);
            assertThat(sheets.written()).isEqualTo(5);
            assertThat(book.getNumberOfSheets()).isEqualTo(3);
            assertThat(List.of(book.getSheetName(0), book.getSheetName(1), book.getSheetName(2))).containsExactly("工单", "工单 2", "工单 3");
            assertThat(book.getSheetAt(2).getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(book.getSheetAt(2).getRow(1).getCell(0).getStringCellValue()).isEqualTo("N4");
            assertThat(book.getSheetAt(1).getLastRowNum()).isEqualTo(2); // headings + two orders
        }
    }
}

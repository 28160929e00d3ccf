package org.hemei.triage.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void readsQuotedFieldsDoubledQuotesAndLineBreaksInsideQuotes() {
        String text = "\uFEFFid,title,body,label\r\n"
                + "1,\"路灯, 不亮\",\"第一行\n第二行\",城乡建设\r\n"
                + "\n"
                + "2,他说\"\",\"引号\"\"里\"\"面\",交通运输\n";
        // 他说"" in an unquoted field is not valid: a quote there must be refused
        assertThatThrownBy(() -> Csv.parse(text, "t.csv")).hasMessageContaining("t.csv, line 5");
        List<Csv.Row> rows = Csv.parse(text.replace("2,他说\"\",", "2,他说,"), "t.csv");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).fields()).containsExactly("id", "title", "body", "label");
        assertThat(rows.get(1).fields()).containsExactly("1", "路灯, 不亮", "第一行\n第二行", "城乡建设");
        assertThat(rows.get(1).line()).isEqualTo(2);
        assertThat(rows.get(2).fields()).containsExactly("2", "他说", "引号\"里\"面", "交通运输");
        assertThat(rows.get(2).line()).isEqualTo(5);
    }

    @Test
    void emptyAndQuotedEmptyFieldsAndNoFinalLineBreak() {
        List<Csv.Row> rows = Csv.parse("a,b,c\n,\"\",x", "t.csv");
        assertThat(rows.get(1).fields()).containsExactly("", "", "x");
    }

    @Test
    void namesTheLineOfAnUnclosedQuote() {
        assertThatThrownBy(() -> Csv.parse("a,b\n1,2\n3,\"never closed\n4,5\n", "bad.csv"))
                .isInstanceOf(Csv.CsvException.class).hasMessage("bad.csv, line 3: the quoted field opened on this line is never closed");
    }

    @Test
    void labelledFileChecksHeaderAndFieldCountsNamingTheLine() {
        byte[] missing = "id,title,text\n1,a,b\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabelledFile.read(missing, "m.csv")).hasMessageContaining("m.csv, line 1").hasMessageContaining("body, label");
        byte[] short_ = "id,title,body,label\n1,a,b,c\n2,\"x\ny\",only three\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabelledFile.read(short_, "s.csv")).hasMessageContaining("s.csv, line 3: expected 4 fields");
        byte[] noLabel = "title,body,label\na,b,\n".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabelledFile.read(noLabel, "l.csv")).hasMessageContaining("l.csv, line 2: the label is empty");
        byte[] latin = { 't', 'i', 't', 'l', 'e', ',', 'b', 'o', 'd', 'y', ',', 'l', 'a', 'b', 'e', 'l', '\n', 'a', ',', (byte) 0xC4, ',', 'x', '\n' };
        assertThatThrownBy(() -> LabelledFile.read(latin, "g.csv")).hasMessageContaining("g.csv, line 2: not UTF-8");
    }

    @Test
    void readsTheFirstSheetOfAnXlsxWorkbook() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet sheet = book.createSheet("样本");
            String[][] cells = { { "id", "title", "body", "label" }, { "1", "噪音扰民", "夜间施工", "环境保护" }, { "2", "公交", "线路调整", "交通运输" } };
            for (int r = 0; r < cells.length; r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < cells[r].length; c++) row.createCell(c).setCellValue(cells[r][c]);
            }
            book.write(bytes);
        }
        List<LabelledText> rows = LabelledFile.read(bytes.toByteArray(), "h.xlsx");
        assertThat(rows).containsExactly(new LabelledText("噪音扰民", "夜间施工", "环境保护"), new LabelledText("公交", "线路调整", "交通运输"));
    }
}

package org.hemei.duty;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hemei.ApiTestSupport;
import org.hemei.casework.TimeLimit;
import org.hemei.territory.Division;
import org.hemei.territory.Level;
import org.hemei.territory.Territory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.junit.jupiter.api.Assertions;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

/** Street duty lists in tests: workbooks built cell by cell, and streets nobody has a list for yet. */
abstract class StreetListTestSupport extends ApiTestSupport {

    static final String[] HEADER = { "事项编号 Code", "事项名称 Name", "履职依据 Basis", "街道角色 Street role (主责/配合)",
            "相关部门 Departments", "工单类别 Categories" };

    @Autowired
    Territory territory;

    static LocalDate today() {
        return LocalDate.now(TimeLimit.CHINA);
    }

    /** A street (not the demo's) with no list of its own yet, picked at random so test classes do not meet. */
    String freshStreet() throws Exception {
        List<String> streets = new ArrayList<>(territory.all(Level.STREET).stream().map(Division::code)
                .filter(c -> !c.equals("430102001")).toList());
        Collections.shuffle(streets);
        for (String code : streets) {
            if (call(get("/api/duty/street-lists/" + code + "/versions").with(as("admin")), 200).path("total").asLong() == 0) return code;
        }
        throw new IllegalStateException("no street without a list");
    }

    static byte[] xlsxWith(String[] header, String[]... rows) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("清单");
            write(sheet.createRow(0), header);
            for (int i = 0; i < rows.length; i++) write(sheet.createRow(i + 1), rows[i]);
            book.write(out);
            return out.toByteArray();
        }
    }

    static byte[] xlsx(String[]... rows) throws Exception {
        return xlsxWith(HEADER, rows);
    }

    /** The first sheet's cells as text, row by row. */
    static List<List<String>> cells(byte[] xlsx) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            DataFormatter f = new DataFormatter();
            List<List<String>> out = new ArrayList<>();
            for (Row row : book.getSheetAt(0)) {
                List<String> cells = new ArrayList<>();
                for (int c = 0; c < row.getLastCellNum(); c++) cells.add(row.getCell(c) == null ? "" : f.formatCellValue(row.getCell(c)));
                out.add(cells);
            }
            return out;
        }
    }

    static MockMultipartHttpServletRequestBuilder upload(String owner, byte[] file, Object effectiveFrom) {
        var request = multipart("/api/duty/street-lists/" + owner + "/versions");
        if (file != null) request.file(new MockMultipartFile("file", "list.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file));
        if (effectiveFrom != null) request.param("effectiveFrom", effectiveFrom.toString());
        return request;
    }

    /** {@link #call} for multipart requests (their builder is not a MockHttpServletRequestBuilder). */
    JsonNode call(MockMultipartHttpServletRequestBuilder request, int expectedStatus) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        Assertions.assertEquals(expectedStatus, result.getResponse().getStatus(), () -> "upload → " + body);
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    static List<String> values(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.asString());
        return out;
    }

    private static void write(Row row, String[] cells) {
        for (int c = 0; c < cells.length; c++) if (cells[c] != null) row.createCell(c).setCellValue(cells[c]);
    }
}

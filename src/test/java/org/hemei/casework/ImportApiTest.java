package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import tools.jackson.databind.JsonNode;

/** Bulk import of historical orders: the whole file validated first, then imported as a job; never twice. */
class ImportApiTest extends ApiTestSupport {

    static final String IMPORTS = "/api/casework/imports";
    static final String HEADER = "number,received_at,title,text,category,district,division_code,address,status,closed_at,feedback,"
            + "requester_name,requester_phone\n";

    JsonNode send(RequestBuilder request, int expectedStatus) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(() -> result.getRequest().getRequestURI() + " → " + body).isEqualTo(expectedStatus);
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    JsonNode upload(String account, String name, byte[] content, int status) throws Exception {
        return send(multipart(IMPORTS).file(new MockMultipartFile("file", name, "text/csv", content)).with(as(account)), status);
    }

    /** Starts an import and waits for it to finish. */
    JsonNode importAndWait(String name, byte[] content) throws Exception {
        JsonNode started = upload("dispatcher", name, content, 202);
        long id = started.path("id").asLong();
        for (int i = 0; i < 600; i++) {
            JsonNode status = call(get(IMPORTS + "/" + id).with(as("dispatcher")), 200);
            if (status.path("status").asString().matches("DONE|FAILED|INTERRUPTED")) return status;
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish in 60 s");
    }

    JsonNode orderTitled(String title) throws Exception {
        JsonNode found = call(get("/api/casework/orders").param("q", title).with(as("dispatcher")), 200).path("items");
        assertThat(found.size()).as("orders titled " + title).isEqualTo(1);
        return call(get("/api/casework/orders/" + found.get(0).path("id").asLong()).with(as("dispatcher")), 200);
    }

    long countTitled(String title) throws Exception {
        return call(get("/api/casework/orders").param("q", title).with(as("dispatcher")), 200).path("total").asLong();
    }

    @Test
    void aCsvOfHistoricalOrdersIsImportedWithTheirTimelinesAndNeverTwice() throws Exception {
        String tag = unique("历史");
        String csv = HEADER
                + "H-" + tag + "-1,2019/2/28 11:25:05," + tag + " 路灯不亮,\"路灯坏了，\n晚上很黑，\"\"请尽快修\"\"\",ROAD,芙蓉区,,五一大道,,,,"
                + "王先生,13800000001\n"
                + "H-" + tag + "-2,2019-03-01T08:00:00+08:00," + tag + " 噪声,夜间施工噪声,NOISE,,430102001,,已办结,2019/3/5 17:00:00,"
                + "已责令停工,李女士,0731-88888888\r\n"
                + "," + "2019-03-02 09:30," + tag + " 咨询,社保如何转移,,,,,,,,,\n";
        JsonNode done = importAndWait("历史工单.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(done.path("status").asString()).isEqualTo("DONE");
        assertThat(done.path("total").asInt()).isEqualTo(3);
        assertThat(done.path("processed").asInt()).isEqualTo(3);
        assertThat(done.path("created").asInt()).isEqualTo(3);
        assertThat(done.path("percent").asInt()).isEqualTo(100);
        assertThat(done.path("format").asString()).isEqualTo("csv");

        JsonNode lamp = orderTitled(tag + " 路灯不亮");
        assertThat(lamp.path("channel").asString()).isEqualTo("IMPORT");
        assertThat(lamp.path("status").asString()).isEqualTo("REGISTERED"); // open, category known: waits for dispatch
        assertThat(lamp.path("text").asString()).isEqualTo("路灯坏了，\n晚上很黑，\"请尽快修\"");
        assertThat(lamp.path("divisionCode").asString()).isEqualTo("430102");
        assertThat(lamp.path("receivedAt").asString()).isEqualTo("2019-02-28T03:25:05Z");
        assertThat(lamp.path("number").asString()).startsWith("12345-20190228-");
        assertThat(lamp.path("leadUnit").isNull()).isTrue(); // no routing
        assertThat(actions(lamp)).containsExactly("IMPORT");
        assertThat(lamp.path("timeline").get(0).path("actor").asString()).isEqualTo("dispatcher");
        assertThat(lamp.path("timeline").get(0).path("note").asString()).contains("H-" + tag + "-1", "历史工单.csv");
        JsonNode byOldNumber = call(get("/api/casework/orders").param("q", "H-" + tag + "-1").with(as("dispatcher")), 200).path("items");
        assertThat(texts(byOldNumber, "number")).containsExactly(lamp.path("number").asString());

        JsonNode noise = orderTitled(tag + " 噪声");
        assertThat(noise.path("status").asString()).isEqualTo("CLOSED");
        assertThat(noise.path("closedAt").asString()).isEqualTo("2019-03-05T09:00:00Z");
        assertThat(noise.path("feedback").asString()).isEqualTo("已责令停工");
        assertThat(noise.path("timeline").get(0).path("toStatus").asString()).isEqualTo("CLOSED");

        assertThat(orderTitled(tag + " 咨询").path("status").asString()).isEqualTo("RECEIVED");

        // The same file again: every row is known (by number, or by time, text and phone) and skipped.
        JsonNode again = importAndWait("历史工单.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(again.path("status").asString()).isEqualTo("DONE");
        assertThat(again.path("created").asInt()).isZero();
        assertThat(again.path("skipped").asInt()).isEqualTo(3);
        assertThat(countTitled(tag)).isEqualTo(3);
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndNothingIsImported() throws Exception {
        String tag = unique("坏行");
        String csv = HEADER
                + "B-" + tag + "-1,2019/2/28 11:25:05," + tag + " 好的一行,\"第一行\n第二行\",,,,,,,,,\n" // lines 2–3, fine
                + "B-" + tag + "-2,2019/2/30 10:00:00," + tag + " 日期,不存在的日期,,,,,,,,,\n" // line 4
                + "B-" + tag + "-3,2019/3/1 10:00:00," + tag + " 类别,内容,NO_SUCH,,,,,,,,\n" // line 5
                + "B-" + tag + "-4,2019/3/1 10:00:00," + tag + " 无内容,,,,,,,,,,\n" // line 6
                + "B-" + tag + "-1,2019/3/1 10:00:00," + tag + " 重复,内容,,,,,,,,,\n" // line 7: number again
                + "B-" + tag + "-6,2019/3/1 10:00:00," + tag + " 派单,内容,,,,,DISPATCHED,,,,\n" // line 8
                + "B-" + tag + "-7,2019/3/1 10:00:00," + tag + " 结案,内容,,,,,CLOSED,,,,\n" // line 9: no closed_at
                + "B-" + tag + "-8,2019/3/1 10:00:00," + tag + " 区县,内容,,火星区,,,,,,,abc\n" // line 10: two problems
                + "B-" + tag + "-9,2019/3/1 10:00:00,少了字段\n"; // line 11
        JsonNode refused = upload("dispatcher", "bad.csv", csv.getBytes(StandardCharsets.UTF_8), 422);
        assertApiError(refused, 422);
        assertThat(refused.path("message").asString()).contains("nothing was imported");
        List<String> problems = new ArrayList<>();
        for (JsonNode p : refused.path("problems")) problems.add(p.path("line").asInt() + ": " + p.path("message").asString());
        assertThat(problems).hasSize(9);
        assertThat(problems.get(0)).startsWith("4: ").contains("received_at", "2019/2/30");
        assertThat(problems.get(1)).startsWith("5: ").contains("NO_SUCH");
        assertThat(problems.get(2)).startsWith("6: ").contains("text is required");
        assertThat(problems.get(3)).startsWith("7: ").contains("also on line 2");
        assertThat(problems.get(4)).startsWith("8: ").contains("DISPATCHED");
        assertThat(problems.get(5)).startsWith("9: ").contains("closed_at");
        assertThat(problems.subList(6, 8)).allMatch(p -> p.startsWith("10: ")).anyMatch(p -> p.contains("火星区"))
                .anyMatch(p -> p.contains("abc"));
        assertThat(problems.get(8)).startsWith("11: ").contains("3 fields");
        assertThat(countTitled(tag)).isZero();

        // Whole-file problems: a missing required column; a file that is not UTF-8; an old .xls.
        JsonNode noText = upload("dispatcher", "x.csv", "number,received_at\n1,2019/3/1 10:00:00\n".getBytes(StandardCharsets.UTF_8), 422);
        assertThat(noText.path("problems").get(0).path("message").asString()).contains("text");
        assertApiError(upload("dispatcher", "gbk.csv", (HEADER + ",2019/3/1 10:00:00,标题,内容,,,,,,,,,\n").getBytes(Charset.forName("GBK")), 415), 415);
        byte[] xls = { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 };
        assertThat(upload("dispatcher", "old.xls", xls, 415).path("message").asString()).contains(".xls");
        assertApiError(send(multipart(IMPORTS).with(as("dispatcher")), 400), 400);
    }

    @Test
    void anXlsxWorkbookIsImportedWithDateCellsAndNumericPhones() throws Exception {
        String tag = unique("表格");
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet("工单");
            CellStyle date = wb.createCellStyle();
            date.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy/m/d h:mm"));
            String[] header = { "number", "received_at", "title", "text", "category", "requester_phone", "likes" };
            Row h = sheet.createRow(0);
            for (int i = 0; i < header.length; i++) h.createCell(i).setCellValue(header[i]);
            for (int r = 1; r <= 2; r++) {
                Row row = sheet.createRow(r);
                row.createCell(0).setCellValue("X-" + tag + "-" + r);
                row.createCell(1).setCellValue(LocalDateTime.of(2020, 5, r, 14, 30));
                row.getCell(1).setCellStyle(date);
                row.createCell(2).setCellValue(tag + " 第" + r + "行");
                row.createCell(3).setCellValue("小区" + r + "号楼\n漏水");
                row.createCell(4).setCellValue("WATER");
                row.createCell(5).setCellValue(13900000000d + r); // typed as a number
                row.createCell(6).setCellValue(3);
            }
            wb.write(out);
            xlsx = out.toByteArray();
        }
        JsonNode done = importAndWait("history.xlsx", xlsx);
        assertThat(done.path("status").asString()).isEqualTo("DONE");
        assertThat(done.path("format").asString()).isEqualTo("xlsx");
        assertThat(done.path("created").asInt()).isEqualTo(2);
        assertThat(done.path("ignoredColumns").get(0).asString()).isEqualTo("likes");
        JsonNode second = orderTitled(tag + " 第2行");
        assertThat(second.path("receivedAt").asString()).isEqualTo("2020-05-02T06:30:00Z");
        assertThat(second.path("text").asString()).isEqualTo("小区2号楼\n漏水");
        assertThat(second.path("categoryCode").asString()).isEqualTo("WATER");
        JsonNode revealed = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .post("/api/casework/orders/" + second.path("id").asLong() + "/reveal-requester").with(as("dispatcher")), 200);
        assertThat(revealed.path("requester").path("phone").asString()).isEqualTo("13900000002");
        assertThat(importAndWait("history.xlsx", xlsx).path("skipped").asInt()).isEqualTo(2);
    }

    @Test
    void aLargeFileRunsInBatchesAndCountsItsProgress() throws Exception {
        String tag = unique("批量");
        StringBuilder csv = new StringBuilder("number,received_at,title,text\n");
        int rows = OrderImport.BATCH * 2 + 37;
        for (int i = 0; i < rows; i++) {
            csv.append("L-").append(tag).append('-').append(i).append(",2018/1/1 8:00:00,").append(tag).append(" #").append(i)
                    .append(",历史诉求\n");
        }
        JsonNode done = importAndWait("big.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(done.path("status").asString()).isEqualTo("DONE");
        assertThat(done.path("total").asInt()).isEqualTo(rows);
        assertThat(done.path("processed").asInt()).isEqualTo(rows);
        assertThat(done.path("created").asInt()).isEqualTo(rows);
        assertThat(countTitled(tag)).isEqualTo(rows);
        assertThat(call(get(IMPORTS).with(as("admin")), 200).get(0).path("id").asLong()).isEqualTo(done.path("id").asLong());
    }

    @Test
    void onlyTheCentreImports() throws Exception {
        byte[] csv = (HEADER + ",2019/3/1 10:00:00,t,x,,,,,,,,,\n").getBytes(StandardCharsets.UTF_8);
        for (String account : List.of("street", "community", "resident", "leader", "grid")) {
            assertApiError(upload(account, "x.csv", csv, 403), 403);
        }
        assertApiError(call(get(IMPORTS + "/1").with(as("street")), 403), 403);
    }

    @Test
    void theImportPageShowsEveryProblemOrFollowsTheJob() throws Exception {
        var dispatcher = (org.springframework.mock.web.MockHttpSession) mvc.perform(org.springframework.test.web.servlet.request
                .MockMvcRequestBuilders.post("/login").param("username", "dispatcher").param("password", "demo").with(csrf()))
                .andReturn().getRequest().getSession(false);
        String page = mvc.perform(get("/casework/imports").session(dispatcher)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("import-form", "received_at");

        byte[] bad = "number,received_at,text\n1,yesterday,x\n".getBytes(StandardCharsets.UTF_8);
        String refused = mvc.perform(multipart("/casework/imports").file(new MockMultipartFile("file", "bad.csv", "text/csv", bad))
                .session(dispatcher).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("import-problems", "yesterday");

        String tag = unique("页面");
        byte[] good = ("number,received_at,title,text\nP-" + tag + ",2019/5/1 9:00:00," + tag + ",内容\n").getBytes(StandardCharsets.UTF_8);
        MvcResult started = mvc.perform(multipart("/casework/imports").file(new MockMultipartFile("file", "good.csv", "text/csv", good))
                .session(dispatcher).with(csrf())).andReturn();
        String location = started.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/casework/imports?id=");
        long id = Long.parseLong(location.substring(location.indexOf('=') + 1));
        String fragment = "";
        for (int i = 0; i < 100 && !fragment.contains("已完成"); i++) {
            Thread.sleep(100);
            fragment = mvc.perform(get("/casework/imports/" + id + "/progress").session(dispatcher)).andReturn().getResponse()
                    .getContentAsString(StandardCharsets.UTF_8);
        }
        assertThat(fragment).contains("import-progress", "已完成", "<progress").doesNotContain("hx-trigger");
        assertThat(mvc.perform(get(location).session(dispatcher)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8))
                .contains("good.csv");
    }

    static List<String> actions(JsonNode order) {
        return texts(order.path("timeline"), "action");
    }
}

package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;

/** The order page and the intake console as people use them: a refusal keeps what was typed; merging by number. */
class CaseworkPagesTest extends ApiTestSupport {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    static final String ORDERS = "/api/casework/orders";

    private JsonNode report() throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        return call(json(post(ORDERS).with(as("resident")), Map.of("title", unique("楼道堆物"), "text", "楼道里堆满杂物，影响通行",
                "lat", p.lat(), "lng", p.lng())), 201);
    }

    private void step(long id, String action, String account, Map<String, Object> body) throws Exception {
        call(json(post(ORDERS + "/" + id + "/" + action).with(as(account)), body), 200);
    }

    private JsonNode order(long id) throws Exception {
        return call(get(ORDERS + "/" + id).with(as("dispatcher")), 200);
    }

    private String page(MockHttpSession session, String url) throws Exception {
        return mvc.perform(get(url).session(session)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Posts an action from the order page and returns the page it redirects to, as the browser shows it. */
    private String act(MockHttpSession session, long id, String... fields) throws Exception {
        var request = post("/casework/orders/" + id + "/act").session(session).with(csrf());
        for (int i = 0; i < fields.length; i += 2) request.param(fields[i], fields[i + 1]);
        MvcResult posted = mvc.perform(request).andReturn();
        assertThat(posted.getResponse().getRedirectedUrl()).isEqualTo("/casework/orders/" + id);
        return mvc.perform(get("/casework/orders/" + id).session(session).flashAttrs(posted.getFlashMap())).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aRefusedActionComesBackWithWhatWasTypedAndChangesNothing() throws Exception {
        long id = report().path("id").asLong();
        step(id, "register", "dispatcher", Map.of("category", "COMMUNITY"));
        MockHttpSession dispatcher = signIn("dispatcher");

        String page = act(dispatcher, id, "action", "dispatch", "leadUnitId", "城管局", "note", "请尽快处理楼道");
        assertThat(page).contains("没有名为「城管局」的单位，请输入名称后从列表中选择", "value=\"城管局\"", "value=\"请尽快处理楼道\"");
        assertThat(order(id).path("status").asString()).isEqualTo("REGISTERED");

        // the other forms on the page are not filled with it
        String invalidate = page.substring(page.indexOf("id=\"action-invalidate\""));
        assertThat(invalidate.substring(0, invalidate.indexOf("</form>"))).doesNotContain("请尽快处理楼道");
    }

    @Test
    void aRefusedReportSaysThePhotoMustBeChosenAgainAndKeepsTheRest() throws Exception {
        MockHttpSession resident = signIn("resident");
        String form = page(resident, "/report");
        assertThat(form).contains("maxlength=\"300\"", "maxlength=\"4000\"").doesNotContain("id=\"photo-again\"");
        var photo = new org.springframework.mock.web.MockMultipartFile("photo", "p.png", "image/png",
                PhotoApiTest.image("png", java.awt.Color.RED));
        String refused = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/report").file(photo)
                .param("text", "路灯坏了").param("address", "长".repeat(301)).param("idempotencyKey", unique("k"))
                .session(resident).with(csrf())).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(refused).contains("id=\"photo-again\"", "重新选择照片", ">路灯坏了</textarea>");
    }

    @Test
    void categoriesAreNamedInThePagesLanguage() throws Exception {
        long id = report().path("id").asLong();
        step(id, "register", "dispatcher", Map.of("category", "COMMUNITY"));
        MockHttpSession dispatcher = signIn("dispatcher");
        String zh = page(dispatcher, "/casework/orders/" + id);
        assertThat(zh).contains("<dd>社区事务</dd>").doesNotContain("<dt>结束时间</dt>");
        String en = page(dispatcher, "/casework/orders/" + id + "?lang=en");
        assertThat(en).contains("<dd>Community affairs</dd>").doesNotContain("<dd>社区事务</dd>");
        String board = page(dispatcher, "/casework/board?lang=en");
        assertThat(board).contains("Community affairs"); // lists too
    }

    @Test
    void theRevealButtonIsShownOnlyToThoseWhoMayCallBack() throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        long id = call(json(post(ORDERS).with(as("resident")), Map.of("title", unique("楼道灯"), "text", "楼道灯坏了",
                "lat", p.lat(), "lng", p.lng(), "requesterName", "王五", "requesterPhone", "13812345678")), 201).path("id").asLong();
        step(id, "register", "dispatcher", Map.of("category", "SANITATION"));
        step(id, "dispatch", "dispatcher", Map.of());
        String reveal = "/casework/orders/" + id + "/reveal";
        for (String lead : new String[] { "street", "dispatcher" }) {
            assertThat(page(signIn(lead), "/casework/orders/" + id)).contains(reveal, "138****5678");
        }
        assertThat(page(signIn("community"), "/casework/orders/" + id)).contains("138****5678").doesNotContain(reveal);
    }

    @Test
    void theTimelineSaysTheChannelAndTheSatisfactionInWords() throws Exception {
        long id = handled("SANITATION").path("id").asLong();
        step(id, "verify", "dispatcher", Map.of("passed", true));
        step(id, "follow-up", "resident", Map.of("resolved", true, "satisfaction", "BASICALLY_SATISFIED", "note", "还行"));
        String page = page(signIn("dispatcher"), "/casework/orders/" + id);
        String timeline = page.substring(page.indexOf("class=\"timeline\""));
        assertThat(page.substring(0, page.indexOf("class=\"timeline\""))).contains("<dt>结束时间</dt>"); // closed: when
        assertThat(timeline).contains("<div>网站/手机</div>", "<div>基本满意 还行</div>")
                .doesNotContain("<div>WEB</div>", "BASICALLY_SATISFIED");
    }

    @Test
    void theTimelineNamesStaffByTheirNameAndAResidentOnlyByRole() throws Exception {
        long id = signed("SANITATION");
        String page = page(signIn("dispatcher"), "/casework/orders/" + id);
        String timeline = page.substring(page.indexOf("class=\"timeline\""));
        assertThat(timeline).contains("<small>12345派单员（示例）</small>", "<small>文艺路街道工作人员（示例）</small>", "<small>居民</small>")
                .doesNotContain("<small>dispatcher</small>", "<small>resident</small>", "居民（示例）");
        String english = page(signIn("dispatcher"), "/casework/orders/" + id + "?lang=en");
        assertThat(english).contains("<small>Resident</small>");
    }

    @Test
    void theTimelineGivesTheCentresNotesInThePagesLanguage() throws Exception {
        long id = signed("SANITATION");
        MockHttpSession dispatcher = signIn("dispatcher");
        String zh = page(dispatcher, "/casework/orders/" + id);
        String timeline = zh.substring(zh.indexOf("class=\"timeline\""));
        assertThat(timeline).contains("类别「环境卫生」由文艺路街道办事处主办").doesNotContain("is led by", "SANITATION");
        String en = page(dispatcher, "/casework/orders/" + id + "?lang=en");
        assertThat(en.substring(en.indexOf("class=\"timeline\""))).contains("is led by 文艺路街道办事处").doesNotContain("主办");
    }

    @Test
    void theNextStepsComeFirstAndOpenTheOtherPossibilitiesFoldedAfterAndEndingAnOrderAsksFirst() throws Exception {
        long id = signed("SANITATION");
        String street = page(signIn("street"), "/casework/orders/" + id);
        assertThat(formsIn(street)).containsExactly("start", "handle", "whistle", "return", "extension", "suspension");
        assertThat(street).contains("<details class=\"action\" open=\"open\">\n      <summary>开始办理</summary>",
                "<details class=\"action\">\n      <summary>申请退单</summary>");

        long registered = report().path("id").asLong();
        step(registered, "register", "dispatcher", Map.of("category", "SANITATION"));
        MockHttpSession dispatcher = signIn("dispatcher");
        String centre = page(dispatcher, "/casework/orders/" + registered);
        assertThat(centre).contains("由文艺路街道办事处主办</small>").doesNotContain("is led by"); // the suggestion, in the page's language
        assertThat(formsIn(centre)).containsExactly("dispatch", "merge", "invalidate");
        assertThat(centre).contains("id=\"action-invalidate\" data-confirm=\"标记无效后工单即终止，不再办理。确定吗？\"",
                "id=\"action-merge\" data-confirm=\"").doesNotContain("id=\"action-dispatch\" data-confirm");
        // a refused one comes back open, whatever its place
        String refused = act(dispatcher, registered, "action", "invalidate", "reason", " ");
        assertThat(refused).contains("<details class=\"action\" open=\"open\">\n      <summary>标记无效</summary>");
    }

    private static java.util.List<String> formsIn(String page) {
        return java.util.regex.Pattern.compile("id=\"action-([a-z-]+)\"").matcher(page).results().map(m -> m.group(1)).toList();
    }

    @Test
    void aUnitIsPickedByItsNameAndTheStreetTicksTheDistrictsDepartmentsToSummon() throws Exception {
        long id = report().path("id").asLong();
        step(id, "register", "dispatcher", Map.of("category", "SANITATION"));
        MockHttpSession dispatcher = signIn("dispatcher");
        assertThat(page(dispatcher, "/casework/orders/" + id)).contains("<option value=\"芙蓉区城管局\">芙蓉区城管局 · 芙蓉区</option>");
        act(dispatcher, id, "action", "dispatch", "leadUnitId", "文艺路街道办事处");
        assertThat(order(id).path("leadUnit").path("name").asString()).isEqualTo("文艺路街道办事处");

        MockHttpSession street = signIn("street");
        String form = page(street, "/casework/orders/" + id);
        String whistle = form.substring(form.indexOf("id=\"action-whistle\""), form.indexOf("</form>", form.indexOf("id=\"action-whistle\"")));
        java.util.regex.Matcher chengguan = java.util.regex.Pattern.compile(
                "<input type=\"checkbox\" name=\"unitIds\" value=\"(\\d+)\"> <span>芙蓉区城管局</span>").matcher(whistle);
        assertThat(chengguan.find()).as("the district's departments are offered to tick: " + whistle).isTrue();
        assertThat(whistle).doesNotContain("<span>长沙市城管局</span>", "<span>岳麓区城管局</span>");

        String refused = act(street, id, "action", "whistle", "unitIds", chengguan.group(1), "unitIds", "公安局", "reason", "占道经营反复");
        assertThat(refused).contains("没有名为「公安局」的单位", "value=\"" + chengguan.group(1) + "\" checked=\"checked\"", "value=\"公安局\"");
        act(street, id, "action", "whistle", "unitIds", chengguan.group(1), "unitIds", "芙蓉区公安局", "reason", "占道经营反复");
        assertThat(page(street, "/casework/orders/" + id)).contains("id=\"whistles\"", "<span>芙蓉区城管局</span> —", "<span>芙蓉区公安局</span> —");
    }

    @org.springframework.beans.factory.annotation.Autowired
    org.hemei.organization.Units units;

    @Test
    void aUnitWhoseNameAnotherUnitSharesIsOfferedByItsNumber() throws Exception {
        String name = unique("同名测试局");
        // resident units of two streets (a school, a hospital): the order's street offers its own
        long here = units.create(new org.hemei.organization.Units.UnitForm(name, org.hemei.organization.UnitKind.RESIDENT_UNIT, null,
                "430102001", null, null, true, null)).getId();
        units.create(new org.hemei.organization.Units.UnitForm(name, org.hemei.organization.UnitKind.RESIDENT_UNIT, null, "430104001",
                null, null, true, null));
        long id = report().path("id").asLong();
        step(id, "register", "dispatcher", Map.of("category", "SANITATION"));
        assertThat(page(signIn("dispatcher"), "/casework/orders/" + id))
                .contains("<option value=\"" + here + "\">" + name + " · ")
                .contains("<option value=\"芙蓉区城管局\">芙蓉区城管局 · 芙蓉区</option>");
    }

    @Test
    void theBoardsListIsExportedWholeAsASpreadsheetWithoutTheRequesterAndAudited() throws Exception {
        String title = unique("导出测试");
        GridPoint p = insideFirstGrid("430102001001");
        for (int i = 0; i < 2; i++) {
            call(json(post(ORDERS).with(as("resident")), Map.of("title", title, "text", "路灯坏了", "lat", p.lat(), "lng", p.lng(),
                    "requesterName", "王五", "requesterPhone", "13812345678")), 201);
        }
        MockHttpSession dispatcher = signIn("dispatcher");
        assertThat(page(dispatcher, "/casework/board?q=" + title)).contains("id=\"board-export\"",
                "<input type=\"hidden\" name=\"q\" value=\"" + title + "\">");
        String job = mvc.perform(post("/casework/exports").param("q", title).session(dispatcher).with(csrf())).andReturn()
                .getResponse().getRedirectedUrl();
        assertThat(job).matches("/casework/exports/\\d+");
        String progress = page(dispatcher, job);
        for (long until = System.currentTimeMillis() + 10_000; !progress.contains("id=\"export-file\"") && System.currentTimeMillis() < until; ) {
            assertThat(progress).contains("hx-trigger=\"every 1s\"", "/ 2 条"); // while it runs it says how far, and refreshes
            Thread.sleep(100);
            progress = page(dispatcher, job);
        }
        assertThat(progress).contains("已完成，共 2 条", "href=\"" + job + "/file\"").doesNotContain("every 1s");
        MvcResult file = mvc.perform(get(job + "/file").session(dispatcher)).andReturn();
        assertThat(file.getResponse().getStatus()).isEqualTo(200);
        assertThat(file.getResponse().getHeader("Content-Disposition")).contains("attachment", ".xlsx");
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(file.getResponse().getContentAsByteArray()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("编号");
            assertThat(sheet.getLastRowNum()).isEqualTo(2); // every order found, beneath the headings
            var row = sheet.getRow(1);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo(title);
            assertThat(row.getCell(3).getStringCellValue()).isEqualTo("已接收");
            assertThat(row.getCell(6).getStringCellValue()).contains("识字里");
            StringBuilder all = new StringBuilder();
            sheet.forEach(r -> r.forEach(c -> all.append(c.toString()).append('|')));
            assertThat(all.toString()).doesNotContain("王", "138");
        }
        assertThat(jdbc.sql("select count(*) from audit_event where action = 'ORDERS_EXPORTED' and detail like ?")
                .param("%" + title + "%").query(Long.class).single()).isEqualTo(1);
        // one the server stopped in the middle says so, and stops asking
        java.time.OffsetDateTime then = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(10);
        jdbc.sql("insert into order_export(status, total, written, created_by, created_at, updated_at) values ('RUNNING', 9, 4, 'dispatcher', ?, ?)")
                .params(then, then).update();
        long cut = jdbc.sql("select max(id) from order_export").query(Long.class).single();
        assertThat(page(dispatcher, "/casework/exports/" + cut)).contains("导出在写入 4 / 9 条时中断").doesNotContain("every 1s");
        // the job and its file are the asker's alone
        MockHttpSession leader = signIn("leader");
        assertThat(mvc.perform(get(job).session(leader)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(get(job + "/file").session(leader)).andReturn().getResponse().getStatus()).isEqualTo(404);
        assertThat(mvc.perform(post("/casework/exports").session(signIn("street")).with(csrf())).andReturn().getResponse().getStatus())
                .isEqualTo(403);
    }

    @Test
    void eachInboxTabCountsItsOwnList() throws Exception {
        long waiting = report().path("id").asLong();
        step(waiting, "register", "dispatcher", Map.of("category", "SANITATION"));
        step(waiting, "dispatch", "dispatcher", Map.of());
        signed("SANITATION");
        signed("SANITATION");
        MockHttpSession street = signIn("street");
        // the tabs are counted in one query: each count must still be its own tab's list length
        java.util.regex.Matcher tab = java.util.regex.Pattern.compile(
                "href=\"/casework/inbox\\?tab=(\\w+)\"[^>]*><span>[^<]+</span><span class=\"count\">(\\d+)</span>").matcher(page(street, "/casework/inbox"));
        Map<String, Long> counts = new java.util.HashMap<>();
        while (tab.find()) {
            counts.put(tab.group(1), Long.parseLong(tab.group(2)));
            assertThat(page(street, "/casework/inbox?tab=" + tab.group(1))).contains("共 " + tab.group(2) + " 条");
        }
        assertThat(counts).containsOnlyKeys("sign", "progress", "soon", "overdue", "verify", "assist");
        assertThat(counts.get("sign")).isPositive();
        assertThat(counts.get("progress")).isGreaterThanOrEqualTo(2);
    }

    /** A resident's report, registered under the category, dispatched and signed for by the street. */
    private long signed(String category) throws Exception {
        long id = report().path("id").asLong();
        step(id, "register", "dispatcher", Map.of("category", category));
        step(id, "dispatch", "dispatcher", Map.of());
        step(id, "sign", "street", Map.of());
        return id;
    }

    private JsonNode handled(String category) throws Exception {
        long id = signed(category);
        step(id, "handle", "street", Map.of("note", "已处理"));
        return order(id);
    }

    @Test
    void whatIsReadyForTheFollowUpWaitsForTheCentresCallAndTheResidentsRating() throws Exception {
        JsonNode ready = handled("CONSULT"), toCheck = handled("SANITATION"); // the second waits for its on-site check first
        MockHttpSession dispatcher = signIn("dispatcher"), resident = signIn("resident");
        String queue = page(dispatcher, "/casework/board?followUp=true&q=" + ready.path("title").asString());
        assertThat(queue).contains(ready.path("number").asString());
        assertThat(page(dispatcher, "/casework/board?followUp=true&q=" + toCheck.path("title").asString()))
                .doesNotContain(toCheck.path("number").asString());
        assertThat(page(dispatcher, "/")).contains("href=\"/casework/board?followUp=true\"", "待回访");
        // the status list's 全部 sends an empty status beside any other: it adds nothing
        assertThat(page(dispatcher, "/casework/board?status=HANDLED&status=&q=" + ready.path("title").asString()))
                .contains(ready.path("number").asString());
        assertThat(call(get(ORDERS).param("status", "HANDLED", "").param("q", ready.path("title").asString()).with(as("dispatcher")), 200)
                .path("total").asLong()).isEqualTo(1);
        assertThat(texts(call(get(ORDERS).param("awaitingFollowUp", "true").param("size", "100").with(as("dispatcher")), 200).path("items"),
                "number")).contains(ready.path("number").asString()).doesNotContain(toCheck.path("number").asString());

        // the resident's home counts their reports to rate, and the count is the length of the list it leads to
        java.util.regex.Matcher count = java.util.regex.Pattern.compile("href=\"/track\\?rate=true\"[^>]*>\\s*<strong>(\\d+)</strong>")
                .matcher(page(resident, "/"));
        assertThat(count.find()).isTrue();
        String toRate = page(resident, "/track?rate=true");
        assertThat(toRate).contains(ready.path("number").asString(), "共 " + count.group(1) + " 条").doesNotContain(toCheck.path("number").asString());

        step(ready.path("id").asLong(), "follow-up", "resident", Map.of("resolved", true, "satisfaction", "SATISFIED"));
        assertThat(page(resident, "/track?rate=true")).doesNotContain(ready.path("number").asString());
        assertThat(page(resident, "/track")).contains(ready.path("number").asString());
    }

    @Test
    void aGridWorkersChecksListOnlyWhatIsCheckedOnSiteAndAFailedCheckSaysItWentBack() throws Exception {
        JsonNode checked = handled("SANITATION"), unchecked = handled("CONSULT");
        MockHttpSession grid = signIn("grid");
        String inbox = page(grid, "/casework/inbox");
        assertThat(inbox).contains(checked.path("number").asString()).doesNotContain(unchecked.path("number").asString());

        long id = checked.path("id").asLong();
        String page = act(grid, id, "action", "verify", "note", "垃圾仍在", "version", checked.path("version").asString());
        assertThat(page).contains("核查未通过，工单已退回承办单位返工").doesNotContain(">已核查<");
        assertThat(order(id).path("status").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void anUnresolvedRatingIsShownAsSuchWithWhatHappensNext() throws Exception {
        JsonNode o = handled("CONSULT");
        long id = o.path("id").asLong();
        String page = act(signIn("resident"), id, "action", "follow-up", "resolved", "false", "satisfaction", "DISSATISFIED",
                "version", o.path("version").asString());
        assertThat(page).contains("已记录为未解决：由 12345 热线决定重新交办或办结", "<dt>是否解决</dt><dd>未解决</dd>");
        assertThat(order(id).path("status").asString()).isEqualTo("FOLLOWED_UP");
    }

    @Test
    void aDispatcherMergesIntoTheOrderNumberShownOnThePage() throws Exception {
        JsonNode master = report();
        long duplicate = report().path("id").asLong();
        MockHttpSession dispatcher = signIn("dispatcher");

        String page = act(dispatcher, duplicate, "action", "merge", "into", "12345-19990101-000001");
        assertThat(page).contains("工单不存在", "12345-19990101-000001");
        assertThat(order(duplicate).path("status").asString()).isEqualTo("RECEIVED");

        act(dispatcher, duplicate, "action", "merge", "into", " " + master.path("number").asString() + " ");
        JsonNode merged = order(duplicate);
        assertThat(merged.path("status").asString()).isEqualTo("MERGED");
        assertThat(merged.path("mergedIntoId").asLong()).isEqualTo(master.path("id").asLong());
        // each page leads to the other
        long masterId = master.path("id").asLong();
        assertThat(page(dispatcher, "/casework/orders/" + duplicate)).contains("<dt>已并入</dt>",
                "<a href=\"/casework/orders/" + masterId + "\">" + master.path("number").asString() + "</a>");
        assertThat(page(dispatcher, "/casework/orders/" + masterId)).contains("<dt>并入本单的工单</dt>",
                "<a href=\"/casework/orders/" + duplicate + "\">" + merged.path("number").asString() + "</a>");
    }

    @Test
    void anImportWrongOnEveryLineListsTheFirstTwoHundredAndCountsTheRest() throws Exception {
        StringBuilder csv = new StringBuilder(ImportApiTest.HEADER);
        for (int i = 0; i < 250; i++) csv.append("X-").append(i).append(",2019/2/30 10:00:00,标题,内容,,,,,,,,,\n");
        String page = mvc.perform(multipart("/casework/imports").file(new MockMultipartFile("file", "bad.csv", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8))).session(signIn("dispatcher")).with(csrf())).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("250 处问题", "另有 50 处问题未列出");
        assertThat(page.split("2019/2/30", -1)).hasSize(200 + 1);
    }

    @Test
    void theRecentImportsRefreshThemselvesWhileOneIsRunningAndNameWhoStartedIt() throws Exception {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC);
        var key = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into order_import(file_name, format, status, total, processed, created_by, created_at, updated_at)"
                + " values ('running.csv', 'csv', 'RUNNING', 1000, 500, 'dispatcher', ?, ?)").params(now, now).update(key, "id");
        long id = key.getKey().longValue();
        MockHttpSession dispatcher = signIn("dispatcher");
        try {
            String page = page(dispatcher, "/casework/imports");
            assertThat(page).contains("hx-get=\"/casework/imports/recent\"", "12345派单员（示例）");
            String recent = page(dispatcher, "/casework/imports/recent");
            assertThat(recent).startsWith("<table").contains("running.csv", "hx-trigger=\"every 2s\"").doesNotContain("<html");
        } finally {
            jdbc.sql("update order_import set status = 'DONE', processed = total, finished_at = ? where id = ?").params(now, id).update();
        }
        String recent = page(dispatcher, "/casework/imports/recent");
        assertThat(recent).contains("running.csv").doesNotContain("hx-get");
        mvc.perform(get("/casework/imports/recent").session(signIn("street")))
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.status().isForbidden());
    }

    @Test
    void aResidentReadsAMessageInThePagesLanguageOnly() throws Exception {
        MockHttpSession resident = signIn("resident");
        String chinese = page(resident, "/track?number=12345-19990101-000009");
        assertThat(chinese).contains("未找到您的工单 12345-19990101-000009").doesNotContain("no order of yours");
        String english = page(resident, "/track?number=12345-19990101-000009&lang=en");
        assertThat(english).contains("no order of yours has this number: 12345-19990101-000009").doesNotContain("未找到");
    }

    @Test
    void aPendingRequestIsNotOfferedAgainUntilItIsDecided() throws Exception {
        long id = signed("SANITATION");
        MockHttpSession street = signIn("street");
        String before = page(street, "/casework/orders/" + id);
        assertThat(before).contains("id=\"action-extension\"", "id=\"action-suspension\"");
        step(id, "suspension", "street", Map.of("reason", "等待业主委员会表决"));
        String pending = page(street, "/casework/orders/" + id);
        assertThat(pending).contains("id=\"action-extension\"").doesNotContain("id=\"action-suspension\"");
    }

    @Test
    void aResidentPagesThroughTheirOwnOrders() throws Exception {
        for (int i = 0; i < 21; i++) report();
        MockHttpSession resident = signIn("resident");
        String first = page(resident, "/track");
        assertThat(first).contains("href=\"/track?page=1\"");
        String second = page(resident, "/track?page=1");
        assertThat(second).contains("第 2 / ", "href=\"/track?page=0\"");
    }

    @Test
    void theDispatcherTypesThePlaceByNameAndTheFieldShowsItsName() throws Exception {
        long id = report().path("id").asLong();
        MockHttpSession dispatcher = signIn("dispatcher");
        // the pin lies in a grid, which keeps its code (grid names repeat from community to community); the suggestion
        // offers the community the text names, by name
        assertThat(page(dispatcher, "/casework/orders/" + id)).contains("value=\"430102001001001\"");

        // a name two places share is refused naming both, and nothing changes
        String refused = act(dispatcher, id, "action", "register", "category", "SANITATION", "divisionCode", "东塘社区居委会",
                "version", order(id).path("version").asString());
        assertThat(refused).contains("有 2 处区划名为「东塘社区居委会」", "value=\"东塘社区居委会\"");
        assertThat(order(id).path("status").asString()).isEqualTo("RECEIVED");

        act(dispatcher, id, "action", "register", "category", "SANITATION", "divisionCode", "文艺新村", "version",
                order(id).path("version").asString());
        assertThat(order(id).path("divisionCode").asString()).isEqualTo("430102001002");

        // the text names another community than the pin's: the page says so, and not when they agree
        GridPoint pin = insideFirstGrid("430102001001");
        long elsewhere = call(json(post(ORDERS).with(as("resident")), Map.of("text", "韭菜园社区居委会门口的路灯不亮了", "lat", pin.lat(),
                "lng", pin.lng())), 201).path("id").asLong();
        assertThat(page(dispatcher, "/casework/orders/" + elsewhere)).contains("id=\"place-differs\"", "诉求文字提到「韭菜园社区居委会」");
        assertThat(page(dispatcher, "/casework/orders/" + id)).doesNotContain("id=\"place-differs\"");

        // the intake console takes a name as well
        page(dispatcher, "/casework/intake");
        var taken = mvc.perform(post("/casework/intake").session(dispatcher).with(csrf()).param("text", "韭菜园社区楼下夜市噪音大")
                .param("divisionCode", "韭菜园社区").param("idempotencyKey", unique("key"))).andReturn();
        JsonNode created = call(get(ORDERS).param("q", (String) taken.getFlashMap().get("created")).with(as("dispatcher")), 200);
        assertThat(created.path("items").path(0).path("divisionCode").asString()).isEqualTo("430102001003");
    }

    @Test
    void aUnitReadsHowLongIsLeftBesideEachTimeLimitUntilItIsHandled() throws Exception {
        long id = signed("SANITATION");
        MockHttpSession street = signIn("street");
        assertThat(page(street, "/casework/orders/" + id)).containsPattern("id=\"handle-left\">还剩 \\d+天\\d+小时</small>")
                .doesNotContain("id=\"sign-left\""); // signed: the signing limit no longer counts
        assertThat(page(street, "/casework/inbox?tab=progress")).containsPattern("<small class=\"time-left\">还剩 [^<]+</small>");
        step(id, "handle", "street", Map.of("note", "已处理"));
        assertThat(page(street, "/casework/orders/" + id)).doesNotContain("id=\"handle-left\"");
    }

    @Test
    void theIntakeConsoleListsLikelyDuplicatesOneALineWithHowAlikeTheyAre() throws Exception {
        String marker = unique("垃圾站");
        JsonNode original = order(call(json(post(ORDERS).with(as("dispatcher")), Map.of("text", "识字里社区门口的" + marker + "三天没有清运了",
                "divisionCode", "430102001001")), 201).path("id").asLong());
        MockHttpSession dispatcher = signIn("dispatcher");
        String panel = mvc.perform(post("/casework/suggestions").session(dispatcher).with(csrf()).param("text", "识字里社区门口的" + marker
                + "好几天没有清运了").param("divisionCode", "430102001001")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(panel).containsPattern("<li><a href=\"/casework/orders/" + original.path("id").asLong() + "\"[^>]*>"
                + original.path("number").asString() + "</a>[\\s\\S]*?<small>相似度 \\d+%</small>")
                .contains("type=\"button\" class=\"secondary\" value=\"" + original.path("number").asString() + "\""); // 受理并并入此单

        // the operator takes the call as merged into it (并单 at intake): a new order, merged, and the console says so
        var taken = mvc.perform(post("/casework/intake").session(dispatcher).with(csrf()).param("text", "识字里社区门口的" + marker + "还是没人清运")
                .param("divisionCode", "430102001001").param("idempotencyKey", unique("key")).param("mergeInto", original.path("number").asString()))
                .andReturn();
        assertThat(taken.getFlashMap().get("mergedInto")).isEqualTo(original.path("number").asString());
        JsonNode created = call(get(ORDERS).param("q", (String) taken.getFlashMap().get("created")).with(as("dispatcher")), 200).path("items").path(0);
        assertThat(created.path("status").asString()).isEqualTo("MERGED");
        assertThat(order(created.path("id").asLong()).path("mergedIntoId").asLong()).isEqualTo(original.path("id").asLong());

        // an order that can no longer take it: the call is still received, and the console says why
        step(original.path("id").asLong(), "invalidate", "dispatcher", Map.of("reason", "测试"));
        var refused = mvc.perform(post("/casework/intake").session(dispatcher).with(csrf()).param("text", "识字里社区门口的" + marker + "又满了")
                .param("idempotencyKey", unique("key")).param("mergeInto", original.path("number").asString())).andReturn();
        assertThat((String) refused.getFlashMap().get("error")).startsWith("已受理，但未能并单");
        JsonNode kept = call(get(ORDERS).param("q", (String) refused.getFlashMap().get("created")).with(as("dispatcher")), 200).path("items").path(0);
        assertThat(kept.path("status").asString()).isEqualTo("RECEIVED");
        // a resident's report that posts it is received and left alone: only the centre merges
        JsonNode open = order(call(json(post(ORDERS).with(as("dispatcher")), Map.of("text", "识字里社区" + marker + "第三次反映",
                "divisionCode", "430102001001")), 201).path("id").asLong());
        var reported = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/report")
                .param("text", "识字里社区" + marker + "还在").param("idempotencyKey", unique("k")).param("mergeInto", open.path("number").asString())
                .session(signIn("resident")).with(csrf())).andReturn();
        assertThat((java.util.Map<String, Object>) reported.getFlashMap()).doesNotContainKeys("mergedInto", "error");
        assertThat(call(get(ORDERS).param("q", (String) reported.getFlashMap().get("created")).with(as("dispatcher")), 200)
                .path("items").path(0).path("status").asString()).isEqualTo("RECEIVED");

        // on the order page the duplicates offer no such button: there the merge form merges
        assertThat(page(dispatcher, "/casework/orders/" + kept.path("id").asLong())).doesNotContain("受理并并入此单");
    }

    @Test
    void theIntakeConsoleShowsTheCallersEarlierDemandsWhenThePhoneFieldIsLeft() throws Exception {
        String phone = "139" + (10_000_000 + new java.util.Random().nextInt(90_000_000));
        String number = call(json(post(ORDERS).with(as("dispatcher")), Map.of("text", unique("小区门口积水"), "requesterPhone", phone)), 201)
                .path("number").asString();
        MockHttpSession dispatcher = signIn("dispatcher");
        assertThat(page(dispatcher, "/casework/intake")).contains("hx-post=\"/casework/intake/caller\"", "id=\"caller-history\"");
        String history = mvc.perform(post("/casework/intake/caller").session(dispatcher).with(csrf()).param("requesterPhone", phone))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(history).contains("此号码此前来电 1 次", number, "受理并并入此单", "已接收");
        assertThat(mvc.perform(post("/casework/intake/caller").session(dispatcher).with(csrf()).param("requesterPhone", "138 0000"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("此号码没有来电记录");
        assertThat(mvc.perform(post("/casework/intake/caller").session(dispatcher).with(csrf()).param("requesterPhone", "稍后告知"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8)).contains("电话号码格式不正确").doesNotContain("not a phone");
        assertThat(mvc.perform(post("/casework/intake/caller").session(dispatcher).param("requesterPhone", phone)).andReturn()
                .getResponse().getStatus()).isEqualTo(403); // no CSRF token
        assertThat(mvc.perform(post("/casework/intake/caller").session(signIn("street")).with(csrf()).param("requesterPhone", phone))
                .andReturn().getResponse().getStatus()).isEqualTo(403);
    }

    @Test
    void theIntakeConsoleKeepsUrgencyAndConfidentialityAfterARefusal() throws Exception {
        String page = mvc.perform(post("/casework/intake").session(signIn("dispatcher")).with(csrf())
                .param("text", " ").param("title", "噪音扰民").param("urgency", "URGENT").param("confidential", "true")
                .param("idempotencyKey", unique("key"))).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(page).contains("class=\"error\"", "value=\"噪音扰民\"", "value=\"URGENT\" selected=\"selected\"",
                "name=\"confidential\" value=\"true\" checked=\"checked\"");
    }
}

package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The work-order engine through its API: the journeys users rely on, the refusals, and who sees what. */
class CaseworkApiTest extends ApiTestSupport {

    static final String ORDERS = "/api/casework/orders";

    JsonNode report(String account, Map<String, Object> demand) throws Exception {
        return call(json(post(ORDERS).with(as(account)), demand), 201);
    }

    Map<String, Object> demandAt(String community, String category) throws Exception {
        GridPoint p = insideFirstGrid(community);
        Map<String, Object> d = new java.util.HashMap<>(Map.of("title", unique("垃圾堆积"), "text", "小区门口垃圾三天没人清运",
                "lat", p.lat(), "lng", p.lng(), "requesterName", "张三丰", "requesterPhone", "13812341234"));
        if (category != null) d.put("category", category);
        return d;
    }

    JsonNode act(long id, String action, String account, Map<String, Object> body, int status) throws Exception {
        return call(json(post(ORDERS + "/" + id + "/" + action).with(as(account)), body), status);
    }

    static long id(JsonNode order) {
        return order.path("id").asLong();
    }

    static List<String> actions(JsonNode order) {
        return texts(order.path("timeline"), "action");
    }

    @Test
    void residentReportsCentreDispatchesStreetHandlesResidentRates() throws Exception {
        JsonNode order = report("resident", demandAt("430102001001", null));
        assertThat(order.path("number").asString()).matches("12345-\\d{8}-\\d{6,}");
        assertThat(order.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(order.path("channel").asString()).isEqualTo("WEB");
        assertThat(order.path("divisionCode").asString()).startsWith("430102001001");
        long id = id(order);

        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        JsonNode dispatched = act(id, "dispatch", "dispatcher", Map.of(), 200);
        assertThat(dispatched.path("leadUnit").path("name").asString()).isEqualTo("文艺路街道办事处");
        assertThat(texts(dispatched.path("assistingUnits"), "name")).contains("识字里社区居委会");
        assertThat(dispatched.path("handleDueAt").asString()).isNotBlank();
        // The requester is masked for the unit.
        assertThat(dispatched.path("requester").path("phone").asString()).isEqualTo("138****1234");

        act(id, "sign", "street", Map.of(), 200);
        act(id, "handle", "street", Map.of("note", "已清运"), 200);
        act(id, "verify", "dispatcher", Map.of("passed", true), 200);
        JsonNode closed = act(id, "follow-up", "resident", Map.of("resolved", true, "satisfaction", "SATISFIED"), 200);
        assertThat(closed.path("status").asString()).isEqualTo("CLOSED");
        assertThat(actions(closed)).containsExactly("RECEIVE", "REGISTER", "DISPATCH", "SIGN", "HANDLE", "VERIFY", "FOLLOW_UP");
        assertThat(call(get(ORDERS + "/" + id).with(as("dispatcher")), 200).path("timeline").get(3).path("actor").asString()).isEqualTo("street");
        assertThat(closed.path("timeline").get(3).path("actor").asString()).isEmpty(); // the resident is not told staff usernames
    }

    @Test
    void theSameIdempotencyKeyNeverMakesASecondOrder() throws Exception {
        Map<String, Object> demand = demandAt("430102001001", null);
        String key = unique("key");
        JsonNode first = call(json(post(ORDERS).with(as("resident")).header("Idempotency-Key", key), demand), 201);
        JsonNode again = call(json(post(ORDERS).with(as("resident")).header("Idempotency-Key", key), demand), 200);
        assertThat(id(again)).isEqualTo(id(first));
        JsonNode other = call(json(post(ORDERS).with(as("resident")).header("Idempotency-Key", unique("key")), demand), 201);
        assertThat(id(other)).isNotEqualTo(id(first));
    }

    @Test
    void illegalTransitionsAndStaleVersionsGet409AndChangeNothing() throws Exception {
        long id = id(report("resident", demandAt("430102001001", null)));
        assertApiError(act(id, "sign", "street", Map.of(), 403), 403); // not dispatched to the street yet
        assertApiError(act(id, "dispatch", "dispatcher", Map.of(), 409), 409); // not registered
        JsonNode registered = act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        int version = registered.path("version").asInt();
        assertApiError(act(id, "register", "dispatcher", Map.of("category", "NOISE"), 409), 409);
        assertApiError(act(id, "dispatch", "dispatcher", Map.of("version", version - 1), 409), 409);
        JsonNode unchanged = call(get(ORDERS + "/" + id).with(as("dispatcher")), 200);
        assertThat(unchanged.path("status").asString()).isEqualTo("REGISTERED");
        assertThat(unchanged.path("categoryCode").asString()).isEqualTo("SANITATION");
        assertThat(unchanged.path("version").asInt()).isEqualTo(version);
        assertThat(actions(unchanged)).containsExactly("RECEIVE", "REGISTER");
    }

    @Test
    void twoPeopleActingAtOnceOneWinsTheOtherGets409() throws Exception {
        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        int version = act(id, "dispatch", "dispatcher", Map.of(), 200).path("version").asInt();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> sign = () -> mvc.perform(json(post(ORDERS + "/" + id + "/sign").with(as("street")),
                    Map.of("version", version))).andReturn().getResponse().getStatus();
            List<Future<Integer>> results = pool.invokeAll(List.of(sign, sign));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) statuses.add(f.get());
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdown();
        }
        assertThat(actions(call(get(ORDERS + "/" + id).with(as("dispatcher")), 200))).containsOnlyOnce("SIGN");
    }

    @Test
    void aCommunitySeesOnlyItsOwnOrdersAndResidentsOnlyTheirs() throws Exception {
        long mine = id(report("resident", demandAt("430102001001", null)));
        long elsewhere = id(report("resident", demandAt("430102001002", null)));
        JsonNode list = call(get(ORDERS).param("size", "200").with(as("community")), 200);
        List<String> numbers = texts(list.path("items"), "id");
        assertThat(numbers).contains(String.valueOf(mine)).doesNotContain(String.valueOf(elsewhere));
        for (JsonNode row : list.path("items")) {
            assertThat(row.path("divisionCode").asString("430102001001")).startsWith("430102001001");
        }
        assertApiError(call(get(ORDERS + "/" + elsewhere).with(as("community")), 403), 403);
        assertApiError(call(get(ORDERS + "/" + mine).with(as("courier")), 403), 403);
        call(get(ORDERS + "/" + mine).with(as("street")), 200); // the street covers both communities
        call(get(ORDERS + "/" + elsewhere).with(as("street")), 200);
        JsonNode own = call(get(ORDERS).with(as("courier")), 200);
        assertThat(texts(own.path("items"), "id")).doesNotContain(String.valueOf(mine));
    }

    @Test
    void aGridWorkerSeesTheirGridAndWhatIsPlacedOnlyAtTheirCommunityButNotTheOtherGrids() throws Exception {
        long inGrid = id(report("resident", demandAt("430102001001", null)));
        long atCommunity = id(report("dispatcher", Map.of("text", "识字里社区有噪音扰民", "divisionCode", "430102001001")));
        long otherGrid = id(report("dispatcher", Map.of("text", "识字里社区第2网格路灯坏了", "divisionCode", "430102001001002")));
        long otherCommunity = id(report("dispatcher", Map.of("text", "路灯坏了", "divisionCode", "430102001002")));
        for (long seen : new long[] { inGrid, atCommunity }) call(get(ORDERS + "/" + seen).with(as("grid")), 200);
        for (long hidden : new long[] { otherGrid, otherCommunity }) {
            assertApiError(call(get(ORDERS + "/" + hidden).with(as("grid")), 403), 403);
        }
        List<String> listed = texts(call(get(ORDERS).param("size", "200").with(as("grid")), 200).path("items"), "id");
        assertThat(listed).contains(String.valueOf(inGrid), String.valueOf(atCommunity))
                .doesNotContain(String.valueOf(otherGrid), String.valueOf(otherCommunity));
        // and the on-site check of what is placed only at the community falls to them
        act(atCommunity, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        act(atCommunity, "dispatch", "dispatcher", Map.of(), 200);
        act(atCommunity, "sign", "street", Map.of(), 200);
        act(atCommunity, "handle", "street", Map.of("note", "已处理"), 200);
        assertThat(act(atCommunity, "verify", "grid", Map.of("passed", true), 200).path("status").asString()).isEqualTo("VERIFIED");
    }

    @Test
    void aWronglySentOrderIsReturnedReviewedAndRedispatched() throws Exception {
        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        act(id, "dispatch", "dispatcher", Map.of(), 200);
        assertApiError(act(id, "return", "street", Map.of(), 400), 400); // a reason is required
        act(id, "return", "street", Map.of("reason", "属于城管职责"), 200);
        JsonNode back = act(id, "return-review", "dispatcher", Map.of("accept", false, "note", "属地负责"), 200);
        assertThat(back.path("status").asString()).isEqualTo("DISPATCHED");
        act(id, "return", "street", Map.of("reason", "确属城管"), 200);
        long chengguan = call(get("/api/organization/units").param("q", "芙蓉区城管局").with(as("dispatcher")), 200)
                .path("items").get(0).path("id").asLong();
        JsonNode redispatched = act(id, "return-review", "dispatcher", Map.of("accept", true, "leadUnitId", chengguan), 200);
        assertThat(redispatched.path("leadUnit").path("name").asString()).isEqualTo("芙蓉区城管局");
        assertThat(redispatched.path("returnCount").asInt()).isEqualTo(1);
        assertThat(actions(redispatched)).contains("REQUEST_RETURN", "REJECT_RETURN", "REDISPATCH");
        assertApiError(act(id, "sign", "street", Map.of(), 403), 403); // no longer the street's order
    }

    @Test
    void theCentreFindsACallersEarlierDemandsByTheirNumberHoweverItWasTyped() throws Exception {
        String digits = String.valueOf(10_000_000 + new java.util.Random().nextInt(90_000_000)); // a number of this run only
        String phone = "0731" + digits;
        JsonNode first = report("dispatcher", Map.of("text", unique("楼上每晚装修噪音"), "requesterPhone", "0731-" + digits.substring(0, 4) + " " + digits.substring(4)));
        JsonNode second = report("dispatcher", Map.of("text", unique("楼上装修噪音又来了"), "requesterPhone", phone));
        JsonNode revealed = call(post(ORDERS + "/" + id(first) + "/reveal-requester").with(as("dispatcher")), 200);
        assertThat(revealed.path("requester").path("phone").asString()).isEqualTo(phone); // stored without dashes and spaces

        JsonNode history = call(json(post("/api/casework/caller-history").with(as("dispatcher")), Map.of("phone", "0731-" + digits)), 200);
        assertThat(history.path("total").asLong()).isEqualTo(2);
        assertThat(texts(history.path("recent"), "number")).containsExactly(second.path("number").asString(), first.path("number").asString());
        assertThat(history.path("recent").get(0).path("open").asBoolean()).isTrue();
        assertThat(history.path("phone").asString()).isEqualTo("073****" + digits.substring(4)); // masked
        JsonNode audit = call(get("/api/identity/audit").param("q", history.path("phone").asString()).with(as("admin")), 200);
        assertThat(texts(audit.path("items"), "action")).contains("CALLER_HISTORY");

        assertThat(call(json(post("/api/casework/caller-history").with(as("dispatcher")), Map.of("phone", phone + "9")),
                200).path("total").asLong()).isZero();
        JsonNode bad = call(json(post("/api/casework/caller-history").with(as("dispatcher")), Map.of("phone", "明天打")), 400);
        assertApiError(bad, 400);
        assertThat(bad.path("message").asString()).contains("电话号码格式不正确", "明天打");
        for (String other : List.of("street", "department", "leader", "resident")) {
            call(json(post("/api/casework/caller-history").with(as(other)), Map.of("phone", phone)), 403);
        }
    }

    @Test
    void theHotlineClosesAnsweredConsultationsAtIntake() throws Exception {
        JsonNode order = report("dispatcher", Map.of("text", "咨询公租房申请条件", "category", "CONSULT", "answer", "已告知申请条件和窗口地址",
                "requesterPhone", "13900001111"));
        assertThat(order.path("channel").asString()).isEqualTo("HOTLINE");
        assertThat(order.path("status").asString()).isEqualTo("CLOSED");
        assertThat(order.path("closedAtIntake").asBoolean()).isTrue();
        assertThat(actions(order)).containsExactly("RECEIVE", "REGISTER", "CLOSE_AT_INTAKE");
    }

    @Test
    void anAnswerWithoutACategoryIsRefusedNotDropped() throws Exception {
        String text = unique("请问居住证在哪里续签");
        JsonNode refused = call(json(post(ORDERS).with(as("dispatcher")), Map.of("text", text, "answer", "可到社区服务中心办理")), 400);
        assertApiError(refused, 400);
        assertThat(refused.path("message").asString()).contains("须先选择类别");
        assertThat(call(get(ORDERS).param("q", text).with(as("dispatcher")), 200).path("total").asLong()).isZero();
        assertApiError(call(json(post(ORDERS).with(as("resident")), Map.of("text", text, "answer", "自己答复")), 400), 400);
    }

    @Test
    void aMajorHazardGoesToTheWholeEmergencyPlanAtOnceAndTopsTheBoard() throws Exception {
        JsonNode order = report("dispatcher", demandAt("430102001001", "HAZARD"));
        assertThat(order.path("status").asString()).isEqualTo("DISPATCHED");
        assertThat(order.path("urgency").asString()).isEqualTo("EMERGENCY");
        assertThat(order.path("majorHazard").asBoolean()).isTrue();
        List<String> units = texts(order.path("assistingUnits"), "name");
        units.add(order.path("leadUnit").path("name").asString());
        assertThat(units).contains("长沙市应急管理局", "芙蓉区公安局", "芙蓉区住建局", "芙蓉区城管局", "文艺路街道办事处");
        java.time.Duration toSign = java.time.Duration.between(java.time.Instant.parse(order.path("dispatchedAt").asString()),
                java.time.Instant.parse(order.path("signDueAt").asString()));
        assertThat(toSign).isEqualTo(java.time.Duration.ofMinutes(15));
        JsonNode board = call(get(ORDERS).with(as("dispatcher")), 200);
        assertThat(board.path("items").get(0).path("majorHazard").asBoolean()).isTrue();
    }

    @Test
    void badInputGets400NamingTheProblemAndCreatesNothing() throws Exception {
        long before = call(get(ORDERS).with(as("dispatcher")), 200).path("total").asLong();
        assertThat(call(json(post(ORDERS).with(as("resident")), Map.of("title", "x")), 400).path("message").asString()).contains("text");
        assertThat(call(json(post(ORDERS).with(as("resident")), Map.of("text", "x", "category", "NOPE")), 400)
                .path("message").asString()).contains("NOPE");
        assertThat(call(json(post(ORDERS).with(as("resident")), Map.of("text", "x", "lat", 28.2)), 400)
                .path("message").asString()).contains("lng");
        assertThat(call(json(post(ORDERS).with(as("resident")), Map.of("text", "x", "lat", 28.2, "lng", 112.9, "crs", "utm")), 400)
                .path("message").asString()).contains("crs");
        assertThat(call(get(ORDERS).with(as("dispatcher")), 200).path("total").asLong()).isEqualTo(before);
        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        assertThat(act(id, "dispatch", "dispatcher", Map.of("leadUnitId", 999999), 400).path("message").asString()).contains("999999");
    }

    @Test
    void revealingTheRequesterIsForThoseWhoCallBackAndIsAudited() throws Exception {
        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        JsonNode order = act(id, "dispatch", "dispatcher", Map.of(), 200);
        assertThat(order.path("requester").path("masked").asBoolean()).isTrue();
        // the reveal is offered to exactly those it would serve
        assertThat(call(get(ORDERS + "/" + id).with(as("street")), 200).path("requester").path("revealable").asBoolean()).isTrue();
        assertThat(call(get(ORDERS + "/" + id).with(as("community")), 200).path("requester").path("revealable").asBoolean()).isFalse();
        JsonNode revealed = call(post(ORDERS + "/" + id + "/reveal-requester").with(as("street")), 200);
        assertThat(revealed.path("requester").path("phone").asString()).isEqualTo("13812341234");
        call(post(ORDERS + "/" + id + "/reveal-requester").with(as("community")), 403); // assisting, not leading
        JsonNode audit = call(get("/api/identity/audit").param("q", order.path("number").asString()).with(as("admin")), 200);
        assertThat(texts(audit.path("items"), "action")).contains("PERSONAL_DATA_REVEALED");

        Map<String, Object> secret = new java.util.HashMap<>(demandAt("430102001001", null));
        secret.put("confidential", true);
        long hidden = id(report("resident", secret));
        act(hidden, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        JsonNode seenByUnit = call(get(ORDERS + "/" + act(hidden, "dispatch", "dispatcher", Map.of(), 200).path("id").asLong())
                .with(as("street")), 200);
        assertThat(seenByUnit.path("requester").path("name").isNull()).isTrue();
        assertThat(seenByUnit.path("requester").path("revealable").asBoolean()).isFalse();
        call(post(ORDERS + "/" + hidden + "/reveal-requester").with(as("street")), 403);
    }

    @Test
    void aRepeatedDemandNearbyIsProposedForMergingAnUnrelatedOneIsNot() throws Exception {
        String marker = unique("垃圾");
        Map<String, Object> first = demandAt("430102001001", null);
        first.put("text", "识字里小区门口" + marker + "三天没人清运，臭味很大");
        long original = id(report("resident", first));
        Map<String, Object> again = demandAt("430102001001", null);
        again.put("text", "识字里小区门口的" + marker + "好几天没有清运了");
        long repeat = id(report("resident", again));
        Map<String, Object> other = demandAt("430102001001", null);
        other.put("text", "公交站台班次太少，希望增加线路");
        long unrelated = id(report("resident", other));
        JsonNode found = call(get(ORDERS + "/" + repeat + "/duplicates").with(as("dispatcher")), 200);
        assertThat(texts(found, "id")).contains(String.valueOf(original)).doesNotContain(String.valueOf(unrelated), String.valueOf(repeat));
        assertThat(found.get(0).path("score").asDouble()).isGreaterThan(0.35);
        JsonNode proposed = call(json(post("/api/casework/suggestions").with(as("dispatcher")),
                Map.of("text", again.get("text"), "divisionCode", call(get(ORDERS + "/" + original).with(as("dispatcher")), 200)
                        .path("divisionCode").asString())), 200);
        assertThat(texts(proposed.path("duplicates"), "id")).contains(String.valueOf(original));
        call(get(ORDERS + "/" + repeat + "/duplicates").with(as("resident")), 403);
    }

    @Test
    void anOrderWithoutAPlaceIsComparedWhereItsTextPutsIt() throws Exception {
        String marker = unique("堆放建筑垃圾");
        long placed = id(call(json(post(ORDERS).with(as("dispatcher")), Map.of("text", "识字里社区路口" + marker + "，无人清理",
                "divisionCode", "430102001001")), 201));
        long unplaced = id(call(json(post(ORDERS).with(as("dispatcher")), Map.of("text", "芙蓉区文艺路街道识字里社区路口又有人"
                + marker + "，还是无人清理")), 201));
        act(unplaced, "register", "dispatcher", Map.of("category", "SANITATION"), 200); // the proposal is stored by now
        assertThat(call(get(ORDERS + "/" + unplaced).with(as("dispatcher")), 200).path("divisionCode").isNull()).isTrue();
        JsonNode found = call(get(ORDERS + "/" + unplaced + "/duplicates").with(as("dispatcher")), 200);
        assertThat(texts(found, "id")).contains(String.valueOf(placed));
    }

    @Test
    void duplicatesMergeAndHarassmentIsMarkedInvalid() throws Exception {
        long master = id(report("resident", demandAt("430102001001", null)));
        long duplicate = id(report("resident", demandAt("430102001001", null)));
        JsonNode merged = act(duplicate, "merge", "dispatcher", Map.of("into", master), 200);
        assertThat(merged.path("status").asString()).isEqualTo("MERGED");
        assertThat(merged.path("mergedIntoId").asLong()).isEqualTo(master);
        assertApiError(act(master, "merge", "dispatcher", Map.of("into", duplicate), 409), 409); // not into a merged one
        // When the master closes, the merged demand's requester hears the result.
        act(master, "register", "dispatcher", Map.of("category", "COMMUNITY"), 200);
        act(master, "dispatch", "dispatcher", Map.of(), 200);
        act(master, "sign", "community", Map.of(), 200);
        act(master, "handle", "community", Map.of("note", "已清理"), 200);
        act(master, "follow-up", "dispatcher", Map.of("resolved", true, "satisfaction", "SATISFIED"), 200);
        JsonNode told = call(get("/api/casework/notifications").with(as("resident")), 200);
        assertThat(texts(told.path("items"), "message")).anyMatch(m -> m.contains(merged.path("number").asString()) && m.contains("已清理"));
        long prank = id(report("resident", demandAt("430102001001", null)));
        assertApiError(act(prank, "invalidate", "dispatcher", Map.of(), 400), 400);
        assertThat(act(prank, "invalidate", "dispatcher", Map.of("reason", "骚扰"), 200).path("status").asString()).isEqualTo("INVALID");
    }

    private List<String> awaitingDecision() throws Exception {
        return texts(call(get(ORDERS).param("awaitingDecision", "true").param("size", "200").with(as("dispatcher")), 200).path("items"), "id");
    }

    @Test
    void extensionAndSuspensionNeedTheCentresApproval() throws Exception {
        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        act(id, "dispatch", "dispatcher", Map.of(), 200);
        JsonNode signed = act(id, "sign", "street", Map.of(), 200);
        java.time.Instant due = java.time.Instant.parse(signed.path("handleDueAt").asString());
        act(id, "extension", "street", Map.of("until", due.plusSeconds(86400 * 3).toString(), "reason", "需协调多部门"), 200);
        assertThat(awaitingDecision()).contains(String.valueOf(id));
        String board = mvc.perform(get("/casework/board").param("awaiting", "true").session(signIn("dispatcher"))).andReturn()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(board).contains(signed.path("number").asString(), "name=\"awaiting\" value=\"true\" checked");
        assertApiError(act(id, "extension-decision", "street", Map.of("approve", true), 403), 403);
        JsonNode extended = act(id, "extension-decision", "dispatcher", Map.of("approve", true), 200);
        assertThat(awaitingDecision()).doesNotContain(String.valueOf(id));
        assertThat(java.time.Instant.parse(extended.path("handleDueAt").asString())).isEqualTo(due.plusSeconds(86400 * 3));
        act(id, "suspension", "street", Map.of("reason", "等待司法程序"), 200);
        assertThat(act(id, "suspension-decision", "dispatcher", Map.of("approve", true), 200).path("status").asString())
                .isEqualTo("SUSPENDED");
        assertThat(act(id, "resume", "street", Map.of(), 200).path("status").asString()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void theLeadUnitHearsOfNewWorkAndOfTheCentresDecisions() throws Exception {
        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        String number = act(id, "dispatch", "dispatcher", Map.of(), 200).path("number").asString();
        act(id, "sign", "street", Map.of(), 200);
        act(id, "extension", "street", Map.of("until", "2099-01-01T00:00:00Z", "reason", "需协调多部门"), 200);
        act(id, "extension-decision", "dispatcher", Map.of("approve", false, "note", "时限充足"), 200);
        assertThat(notices(number, "street", "ASSIGNED")).hasSize(2).anyMatch(m -> m.startsWith("工单 " + number + " 延期未批准：时限充足"))
                .anyMatch(m -> m.startsWith("新工单 " + number + " 已派至本单位，请于 "));
        assertThat(call(get("/api/casework/notifications").param("size", "200").with(as("department")), 200).path("items"))
                .noneMatch(n -> n.path("message").asString().contains(number));
    }

    @Test
    void theCentreHearsOfWhatWaitsForItsDecision() throws Exception {
        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "CONSULT"), 200);
        String number = act(id, "dispatch", "dispatcher", Map.of(), 200).path("number").asString();
        act(id, "sign", "street", Map.of(), 200);
        act(id, "extension", "street", Map.of("until", "2099-01-01T00:00:00Z", "reason", "需协调多部门"), 200);
        act(id, "suspension", "street", Map.of("reason", "等待司法程序"), 200);
        act(id, "handle", "street", Map.of("note", "已答复"), 200);
        act(id, "follow-up", "resident", Map.of("resolved", false, "satisfaction", "DISSATISFIED"), 200);
        List<String> told = notices(number, "dispatcher", "DECISION");
        assertThat(told).hasSize(3).anyMatch(m -> m.startsWith("文艺路街道办事处申请工单 " + number + " 延期至 2099-01-01 08:00：需协调多部门，请审批"))
                .anyMatch(m -> m.startsWith("文艺路街道办事处申请工单 " + number + " 挂账：等待司法程序，请审批"))
                .anyMatch(m -> m.startsWith("工单 " + number + " 回访未解决，请决定重新交办或办结"));
        assertThat(notices(number, "street", "DECISION")).isEmpty(); // the centre's own inbox
        assertThat(notices(number, "leader", "DECISION")).isEmpty();
    }

    /** The messages of a kind about the order that the account's inbox holds. */
    private List<String> notices(String number, String account, String kind) throws Exception {
        List<String> told = new java.util.ArrayList<>();
        call(get("/api/casework/notifications").param("size", "200").with(as(account)), 200).path("items").forEach(n -> {
            if (n.path("kind").asString().equals(kind) && n.path("message").asString().contains(number)) {
                told.add(n.path("message").asString());
            }
        });
        return told;
    }

    @Test
    void theHolidayCalendarIsDataAndAdminsEnterNewYears() throws Exception {
        JsonNode y2026 = call(get("/api/casework/calendar/2026").with(as("dispatcher")), 200);
        assertThat(texts(y2026, "name")).contains("国庆节", "国庆节调休上班");
        var y2030 = Map.of("days", List.of(Map.of("date", "2030-01-01", "kind", "holiday", "name", "元旦")));
        call(json(put("/api/casework/calendar/2030").with(as("dispatcher")), y2030), 403);
        assertApiError(call(json(put("/api/casework/calendar/2030").with(as("admin")),
                Map.of("days", List.of(Map.of("date", "2031-01-01", "kind", "holiday", "name", "元旦")))), 400), 400);
        assertThat(texts(call(json(put("/api/casework/calendar/2030").with(as("admin")), y2030), 200), "date"))
                .containsExactly("2030-01-01");
        // a slip in the year or an over-long name is told, not a 500
        assertThat(call(get("/api/casework/calendar/2000000000").with(as("dispatcher")), 400).path("message").asString())
                .contains("2000000000");
        assertApiError(call(json(put("/api/casework/calendar/2030").with(as("admin")),
                Map.of("days", List.of(Map.of("date", "2030-01-01", "kind", "holiday", "name", "节".repeat(41))))), 400), 400);
        assertThat(texts(call(get("/api/casework/calendar/2030").with(as("dispatcher")), 200), "name")).containsExactly("元旦");
    }

    @Test
    void overLongFieldsAreRefusedByNameAndNothingIsWritten() throws Exception {
        Map<String, Object> demand = demandAt("430102001001", null);
        demand.put("requesterName", "张".repeat(61));
        assertThat(call(json(post(ORDERS).with(as("dispatcher")), demand), 400).path("message").asString()).contains("requesterName", "60");
        demand.put("requesterName", "张三");
        demand.put("address", "路".repeat(301));
        assertThat(call(json(post(ORDERS).with(as("dispatcher")), demand), 400).path("message").asString()).contains("address", "300");
        assertThat(texts(call(get(ORDERS).param("q", (String) demand.get("title")).with(as("dispatcher")), 200).path("items"), "title"))
                .isEmpty();

        long id = id(report("resident", demandAt("430102001001", null)));
        act(id, "register", "dispatcher", Map.of("category", "SANITATION"), 200);
        act(id, "dispatch", "dispatcher", Map.of(), 200);
        act(id, "sign", "street", Map.of(), 200);
        assertThat(act(id, "handle", "street", Map.of("note", "清".repeat(2001)), 400).path("message").asString()).contains("2000");
        assertThat(act(id, "return", "street", Map.of("reason", "退".repeat(501)), 400).path("message").asString()).contains("500");
        assertThat(call(get(ORDERS + "/" + id).with(as("street")), 200).path("status").asString()).isEqualTo("SIGNED");
    }
}

package org.hemei.duty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class AccessApplicationTest extends ApiTestSupport {

    @Autowired
    CommunityTasks tasks;

    @Test
    void applyReviewListSendRevoke() throws Exception {
        String title = unique("协助开展老旧小区加装电梯意愿摸底");
        LocalDate start = tasks.earliestApplicationStart();
        JsonNode a = call(json(post("/api/duty/access-applications"),
                Map.of("title", title, "basis", "《长沙市既有住宅加装电梯实施办法》（示例）", "startDate", start.toString()))
                .with(as("department")), 201);
        long id = a.path("id").asLong();
        assertThat(a.path("status").asString()).isEqualTo("PENDING");
        assertThat(a.path("departmentName").asString()).isEqualTo("长沙市城管局");
        LocalDate reviewDue = LocalDate.parse(a.path("reviewDue").asString());
        assertThat(reviewDue).isAfter(LocalDate.now().plusDays(14)).isBefore(start);
        assertThat(a.path("reviewOverdue").asBoolean()).isFalse();

        // Not on the list yet: refused at the gate.
        Map<String, Object> task = CommunityTaskGateTest.task(title, "SQ-" + id, false, CommunityTaskGateTest.SHIZILI);
        call(json(post("/api/duty/community-tasks"), task).with(as("department")), 422);

        call(json(post("/api/duty/access-applications/" + id + "/decision"), Map.of("approve", true)).with(as("department")), 403);
        JsonNode listed = call(json(post("/api/duty/access-applications/" + id + "/decision"), Map.of("approve", true))
                .with(as("admin")), 200);
        assertThat(listed.path("status").asString()).isEqualTo("LISTED");
        assertThat(listed.path("accessItemCode").asString()).isEqualTo("SQ-" + id);
        JsonNode assistance = call(get("/api/duty/access-items").param("kind", "ASSISTANCE").with(as("community")), 200);
        assertThat(texts(assistance, "code")).contains("SQ-" + id);
        assertThat(call(json(post("/api/duty/access-applications/" + id + "/decision"), Map.of("approve", false, "reason", "x"))
                .with(as("admin")), 409).path("message").asString())
                .isEqualTo("申请已处理（已准入）/ the application was already decided: Listed");

        assertThat(call(json(post("/api/duty/community-tasks"), task).with(as("department")), 201).path("outcome").asString())
                .isEqualTo("DELIVERED");

        JsonNode revoked = call(json(post("/api/duty/access-applications/" + id + "/revoke"), Map.of("reason", "试点结束"))
                .with(as("admin")), 200);
        assertThat(revoked.path("status").asString()).isEqualTo("REVOKED");
        JsonNode refused = call(json(post("/api/duty/community-tasks"), task).with(as("department")), 422);
        assertThat(refused.path("problems").get(0).path("reason").asString()).contains("已撤销");

        // Newest first, a page at a time; DECIDED is every status but PENDING.
        JsonNode first = call(get("/api/duty/access-applications").param("status", "decided").param("size", "1").with(as("department")), 200);
        assertThat(texts(first.path("items"), "title")).containsExactly(title);
        assertThat(first.path("total").asLong()).isGreaterThanOrEqualTo(1);
        JsonNode pending = call(get("/api/duty/access-applications").param("status", "pending").param("size", "200")
                .with(as("department")), 200);
        assertThat(texts(pending.path("items"), "title")).doesNotContain(title);
        // pending: the oldest first, whose review is due soonest
        List<Long> ids = new java.util.ArrayList<>();
        pending.path("items").forEach(p -> ids.add(p.path("id").asLong()));
        assertThat(ids).isSorted();
        call(get("/api/duty/access-applications/" + id).with(as("street")), 403);
    }

    @Test
    void anApplicationWithTheLongestBasisCanBeListed() throws Exception {
        String title = unique("长依据申请");
        JsonNode a = call(json(post("/api/duty/access-applications"), Map.of("title", title, "basis", "依".repeat(1000),
                "startDate", tasks.earliestApplicationStart().toString())).with(as("department")), 201);
        long id = a.path("id").asLong();
        assertThat(call(json(post("/api/duty/access-applications/" + id + "/decision"), Map.of("approve", true)).with(as("admin")), 200)
                .path("status").asString()).isEqualTo("LISTED");
        JsonNode item = null;
        for (JsonNode i : call(get("/api/duty/access-items").param("kind", "ASSISTANCE").with(as("admin")), 200)) {
            if (i.path("code").asString().equals("SQ-" + id)) item = i;
        }
        assertThat(item).isNotNull();
        assertThat(item.path("basis").asString()).hasSizeLessThanOrEqualTo(500).startsWith("依依依").contains("#" + id);
        assertThat(call(json(post("/api/duty/access-applications/" + id + "/revoke"), Map.of("reason", "理".repeat(1001)))
                .with(as("admin")), 400).path("message").asString()).contains("1000");
    }

    @Test
    void tooLateOrIncompleteApplicationsAreRefused() throws Exception {
        LocalDate earliest = tasks.earliestApplicationStart();
        JsonNode e = call(json(post("/api/duty/access-applications"), Map.of("title", unique("下周就要"), "basis", "急需",
                "startDate", earliest.minusDays(1).toString())).with(as("department")), 422);
        assertApiError(e, 422);
        assertThat(e.path("message").asString()).contains(earliest.toString());
        assertThat(e.path("problems").get(0).path("earliestStartDate").asString()).isEqualTo(earliest.toString());

        assertThat(call(json(post("/api/duty/access-applications"), Map.of("title", unique("无依据"), "startDate", earliest.toString()))
                .with(as("department")), 400).path("message").asString()).contains("basis");
        call(json(post("/api/duty/access-applications"), Map.of("title", "x", "basis", "y", "startDate", earliest.toString()))
                .with(as("community")), 403);

        long id = call(json(post("/api/duty/access-applications"), Map.of("title", unique("协助摸排"), "basis", "依据",
                "startDate", earliest.plusDays(3).toString())).with(as("department")), 201).path("id").asLong();
        assertThat(call(json(post("/api/duty/access-applications/" + id + "/decision"), Map.of("approve", false))
                .with(as("admin")), 400).path("message").asString()).contains("reason");
        JsonNode refused = call(json(post("/api/duty/access-applications/" + id + "/decision"),
                Map.of("approve", false, "reason", "属于部门自身职责")).with(as("admin")), 200);
        assertThat(refused.path("status").asString()).isEqualTo("REFUSED");
        assertThat(call(json(post("/api/duty/access-applications/" + id + "/revoke"), Map.of("reason", "x")).with(as("admin")), 409)
                .path("message").asString()).isEqualTo("只能撤销已准入的事项（当前：不予准入）/ only a listed item can be revoked (status: Refused)");
    }
}

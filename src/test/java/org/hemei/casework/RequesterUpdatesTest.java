package org.hemei.casework;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A resident who reported with an account hears in their inbox where the demand went and how it ended. */
class RequesterUpdatesTest extends ApiTestSupport {

    static final String ORDERS = "/api/casework/orders";

    private long report() throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        return call(json(post(ORDERS).with(as("resident")), Map.of("title", unique("井盖松动"), "text", "路口井盖松动，车压过咣咣响",
                "lat", p.lat(), "lng", p.lng())), 201).path("id").asLong();
    }

    private void step(long id, String action, String account, Map<String, Object> body) throws Exception {
        call(json(post(ORDERS + "/" + id + "/" + action).with(as(account)), body), 200);
    }

    /** The messages about this order in the account's inbox, oldest first. */
    private List<String> notices(String account, long orderId) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode n : call(get("/api/casework/notifications").param("size", "100").with(as(account)), 200).path("items")) {
            if (n.path("workOrderId").asLong() == orderId) {
                assertThat(n.path("kind").asString()).isEqualTo("PROGRESS");
                out.add(0, n.path("message").asString());
            }
        }
        return out;
    }

    @Test
    void theResidentHearsWhereItWentAndWhenItAwaitsTheirWordButNotTheirOwnSteps() throws Exception {
        long id = report();
        step(id, "register", "dispatcher", Map.of("category", "SANITATION"));
        assertThat(notices("resident", id)).isEmpty(); // registering is the centre's inner step
        step(id, "dispatch", "dispatcher", Map.of());
        assertThat(notices("resident", id)).singleElement().asString().contains("已派至文艺路街道办事处办理");
        step(id, "sign", "street", Map.of());
        step(id, "handle", "street", Map.of("note", "井盖已更换"));
        assertThat(notices("resident", id)).hasSize(1);
        step(id, "verify", "dispatcher", Map.of("passed", true));
        assertThat(notices("resident", id)).hasSize(2).last().asString().contains("已办理完毕：井盖已更换", "是否满意");
        step(id, "follow-up", "resident", Map.of("resolved", true, "satisfaction", "SATISFIED"));
        assertThat(notices("resident", id)).hasSize(2);
        assertThat(notices("courier", id)).isEmpty();
    }

    @Test
    void theResidentReadsEveryStepButNotTheStaffsNotesOrUsernames() throws Exception {
        long id = report();
        step(id, "register", "dispatcher", Map.of("category", "SANITATION", "note", "内部备注"));
        step(id, "dispatch", "dispatcher", Map.of());
        step(id, "sign", "street", Map.of());
        step(id, "handle", "street", Map.of("note", "井盖已更换"));
        JsonNode staff = call(get(ORDERS + "/" + id).with(as("dispatcher")), 200).path("timeline");
        JsonNode own = call(get(ORDERS + "/" + id).with(as("resident")), 200).path("timeline");
        assertThat(own).hasSameSizeAs(staff);
        assertThat(staff.findValuesAsString("actor")).contains("dispatcher", "street");
        assertThat(staff.toString()).contains("内部备注");
        assertThat(own.findValuesAsString("actor")).containsOnly("resident", "");
        assertThat(own.toString()).doesNotContain("内部备注").contains("井盖已更换");
    }

    @Test
    void withoutAnOnSiteCheckTheRatingIsAskedForAtHandlingAndAPhoneFollowUpThatClosesSaysSo() throws Exception {
        long id = report();
        step(id, "register", "dispatcher", Map.of("category", "CONSULT")); // no on-site verification
        step(id, "dispatch", "dispatcher", Map.of());
        step(id, "sign", "street", Map.of());
        step(id, "handle", "street", Map.of("note", "已劝导商户。"));
        assertThat(notices("resident", id)).hasSize(2).last().asString().contains("已办理完毕：已劝导商户。请告诉我们").doesNotContain("。。");
        step(id, "follow-up", "dispatcher", Map.of("resolved", true, "satisfaction", "SATISFIED"));
        assertThat(notices("resident", id)).hasSize(3).last().asString().contains("已办结");
    }

    @Test
    void aDemandNotTakenUpTellsTheResidentWhy() throws Exception {
        long id = report();
        step(id, "invalidate", "dispatcher", Map.of("reason", "重复来电，已在处理"));
        assertThat(notices("resident", id)).singleElement().asString().contains("未予受理：重复来电，已在处理");
    }
}

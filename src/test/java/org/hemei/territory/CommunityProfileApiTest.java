package org.hemei.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.HashMap;
import java.util.Map;
import org.hemei.ApiTestSupport;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class CommunityProfileApiTest extends ApiTestSupport {

    private static final String OWN = "/api/territory/communities/430102001001/profile"; // 识字里社区, demo-community's
    private static final String OTHER = "/api/territory/communities/430102001002/profile"; // 文艺新村社区, same street

    private static Map<String, Object> change(int population, int workers, long funds, int space, Object version) {
        Map<String, Object> m = new HashMap<>();
        m.put("residentPopulation", population);
        m.put("communityWorkers", workers);
        m.put("operatingFundsYuan", funds);
        m.put("serviceSpaceM2", space);
        m.put("version", version);
        return m;
    }

    @Test
    void communityStaffReadAndChangeTheirOwnProfile() throws Exception {
        JsonNode before = call(get(OWN).with(as("community")), 200);
        assertThat(before.path("communityCode").asString()).isEqualTo("430102001001");
        int version = before.path("version").asInt();

        JsonNode after = call(json(put(OWN), change(12_000, 24, 1_300_000, 986, version)).with(as("community")), 200);
        assertThat(after.path("residentPopulation").asInt()).isEqualTo(12_000);
        assertThat(after.path("workersPer10k").asDouble()).isEqualTo(20.0);
        assertThat(after.path("meetsWorkerTarget").asBoolean()).isTrue();
        assertThat(after.path("meetsFundsTarget").asBoolean()).isTrue();
        assertThat(after.path("meetsSpaceTarget").asBoolean()).isTrue();
        assertThat(after.path("synthetic").asBoolean()).as("a person's figures are not synthetic").isFalse();
        assertThat(after.path("version").asInt()).isGreaterThan(version);
        assertThat(call(get(OWN).with(as("community")), 200).path("communityWorkers").asInt()).isEqualTo(24);
        // the audit log says what the figures were and became, in words
        JsonNode audit = call(get("/api/identity/audit").param("q", "430102001001").with(as("admin")), 200).path("items");
        String detail = "";
        for (JsonNode e : audit) { // newest first
            if (e.path("action").asString().equals("PROFILE_CHANGED")) {
                detail = e.path("detail").asString();
                break;
            }
        }
        assertThat(detail).contains("常住人口 " + before.path("residentPopulation").asInt(), "→ 常住人口 12000，社区工作者 24")
                .doesNotContain("ProfileChange[");

        // The version the person saw is stale now.
        assertApiError(call(json(put(OWN), change(12_000, 30, 1_300_000, 986, version)).with(as("community")), 409), 409);
        assertThat(call(get(OWN).with(as("community")), 200).path("communityWorkers").asInt()).isEqualTo(24);
    }

    @Test
    void negativeFiguresAre400() throws Exception {
        int version = call(get(OWN).with(as("community")), 200).path("version").asInt();
        JsonNode error = call(json(put(OWN), change(-1, 10, 1_000_000, 900, version)).with(as("community")), 400);
        assertApiError(error, 400);
        assertThat(error.path("message").asString()).doesNotContain("version");
        // figures already there are changed only by someone who says which version they read
        assertThat(call(json(put(OWN), change(5_000, 10, 1_000_000, 900, null)).with(as("community")), 400).path("message").asString())
                .contains("version");
        assertThat(call(get(OWN).with(as("community")), 200).path("residentPopulation").asInt()).isNotNegative();
    }

    @Test
    void communityStaffCannotTouchAnotherCommunity() throws Exception {
        assertApiError(call(json(put(OTHER), change(5_000, 10, 1_000_000, 900, null)).with(as("community")), 403), 403);
        assertApiError(call(get(OTHER).with(as("community")), 403), 403);
        assertApiError(call(json(put(OWN), change(5_000, 10, 1_000_000, 900, null)).with(as("leader")), 403), 403);
    }

    @Test
    void aGridWorkerReadsTheirGridsCommunityButChangesNothing() throws Exception {
        assertThat(call(get(OWN).with(as("grid")), 200).path("communityCode").asString()).isEqualTo("430102001001");
        assertThat(call(get("/api/territory/divisions/430102001001/rollup").with(as("grid")), 200).path("communities").asInt())
                .isEqualTo(1);
        assertApiError(call(get(OTHER).with(as("grid")), 403), 403);
        assertApiError(call(get("/api/territory/divisions/430102001/rollup").with(as("grid")), 403), 403);
        int version = call(get(OWN).with(as("grid")), 200).path("version").asInt();
        assertApiError(call(json(put(OWN), change(1, 1, 1, 1, version)).with(as("grid")), 403), 403);
        assertThat(call(get(OWN).with(as("grid")), 200).path("version").asInt()).isEqualTo(version);
    }

    @Test
    void rollupsFollowTheCallersScope() throws Exception {
        assertApiError(call(get("/api/territory/divisions/430102/rollup").with(as("street")), 403), 403);
        assertApiError(call(get("/api/territory/divisions/430103/rollup").with(as("street")), 403), 403);

        JsonNode street = call(get("/api/territory/divisions/430102001/rollup").with(as("street")), 200);
        assertThat(street.path("code").asString()).isEqualTo("430102001");
        assertThat(street.path("name").asString()).isEqualTo("文艺路街道");
        assertThat(street.path("communities").asInt()).isPositive();
        long population = street.path("population").asLong(), workers = street.path("workers").asLong();
        assertThat(population).isPositive();
        assertThat(street.path("workersPer10k").asDouble()).isCloseTo(workers * 10_000.0 / population, org.assertj.core.data.Offset.offset(1e-9));

        JsonNode city = call(get("/api/territory/divisions/430100/rollup").with(as("leader")), 200);
        assertThat(city.path("communities").asInt()).isEqualTo(1649);
        assertThat(city.path("profiled").asInt()).isEqualTo(1649);
        assertThat(city.path("level").asString()).isIn("CITY", "city");
    }
}

package org.hemei.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.hemei.ApiTestSupport;
import org.hemei.identity.PersonalData;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OrganizationApiTest extends ApiTestSupport {

    // ---- units

    private static Map<String, Object> unit(String name, String kind, String departmentType, String division, Object version) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("departmentType", departmentType);
        m.put("divisionCode", division);
        m.put("phone", "0731-88888888");
        m.put("version", version);
        return m;
    }

    @Test
    void searchesUnitsByNameAndKindWithPaging() throws Exception {
        JsonNode page = call(get("/api/organization/units").param("q", "城管局").param("kind", "DEPARTMENT").param("size", "5")
                .with(as("department")), 200);
        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("size").asInt()).isEqualTo(5);
        assertThat(page.path("total").asLong()).isGreaterThanOrEqualTo(10); // the city's and each district's
        assertThat(page.path("items").size()).isEqualTo(5);
        assertThat(texts(page.path("items"), "name")).allMatch(n -> n.contains("城管局"));
        assertThat(texts(page.path("items"), "kind")).containsOnly("DEPARTMENT");

        JsonNode inStreet = call(get("/api/organization/units").param("kind", "COMMUNITY_COMMITTEE").param("division", "430102001")
                .with(as("street")), 200);
        assertThat(texts(inStreet.path("items"), "divisionCode")).allMatch(c -> c.startsWith("430102001")).contains("430102001001");

        JsonNode second = call(get("/api/organization/units").param("q", "城管局").param("page", "1").param("size", "5")
                .with(as("leader")), 200);
        assertThat(second.path("page").asInt()).isEqualTo(1);
        assertThat(texts(second.path("items"), "id")).doesNotContainAnyElementsOf(texts(page.path("items"), "id"));
    }

    @Test
    void dispatcherCreatesAndUpdatesUnits() throws Exception {
        String name = unique("测试驻区单位");
        JsonNode created = call(json(post("/api/organization/units"), unit(name, "RESIDENT_UNIT", null, "430102001", null))
                .with(as("dispatcher")), 201);
        long id = created.path("id").asLong();
        int version = created.path("version").asInt();
        assertThat(created.path("name").asString()).isEqualTo(name);
        assertThat(call(get("/api/organization/units/" + id).with(as("street")), 200).path("name").asString()).isEqualTo(name);

        JsonNode updated = call(json(put("/api/organization/units/" + id), unit(name + "（改）", "RESIDENT_UNIT", null, "430102001", version))
                .with(as("dispatcher")), 200);
        assertThat(updated.path("name").asString()).isEqualTo(name + "（改）");
        assertApiError(call(json(put("/api/organization/units/" + id), unit(name, "RESIDENT_UNIT", null, "430102001", version))
                .with(as("dispatcher")), 409), 409);
        assertThat(call(json(put("/api/organization/units/" + id), unit(name, "RESIDENT_UNIT", null, "430102001", null))
                .with(as("dispatcher")), 400).path("message").asString()).contains("version");
        Map<String, Object> longAddress = unit(name, "RESIDENT_UNIT", null, "430102001", updated.path("version").asInt());
        longAddress.put("address", "路".repeat(201));
        assertThat(call(json(put("/api/organization/units/" + id), longAddress).with(as("dispatcher")), 400).path("message").asString())
                .contains("address", "200");
        assertApiError(call(json(put("/api/organization/units/" + id), unit(name, "RESIDENT_UNIT", null, "430102001", updated.path("version").asInt()))
                .with(as("street")), 403), 403);
    }

    @Test
    void refusesUnitsThatDoNotFitTheirDivision() throws Exception {
        assertApiError(call(json(post("/api/organization/units"), unit(unique("街道办"), "STREET_OFFICE", null, "430102001001", null))
                .with(as("dispatcher")), 400), 400);
        assertApiError(call(json(post("/api/organization/units"), unit(unique("单位"), "RESIDENT_UNIT", null, "430102999", null))
                .with(as("dispatcher")), 400), 400);
        assertApiError(call(json(post("/api/organization/units"), unit(unique("局"), "DEPARTMENT", null, "430102", null))
                .with(as("admin")), 400), 400);
        assertApiError(call(json(post("/api/organization/units"), unit(unique("单位"), "RESIDENT_UNIT", null, "430102001", null))
                .with(as("street")), 403), 403);
        Map<String, Object> badPhone = unit(unique("单位"), "RESIDENT_UNIT", null, "430102001", null);
        badPhone.put("phone", "abc");
        assertThat(call(json(post("/api/organization/units"), badPhone).with(as("dispatcher")), 400).path("message").asString())
                .contains("电话号码", "abc");
        for (String ok : new String[] { "12345", "(0731) 8888-8888", "+86 138 1234 5678" }) {
            Map<String, Object> good = unit(unique("单位"), "RESIDENT_UNIT", null, "430102001", null);
            good.put("phone", ok);
            call(json(post("/api/organization/units"), good).with(as("dispatcher")), 201);
        }
    }

    // ---- Party organizations

    private long orgId(String name) throws Exception {
        JsonNode hits = call(get("/api/organization/party-orgs").param("q", name).with(as("party")), 200).path("items");
        for (JsonNode h : hits) if (h.path("name").asString().equals(name)) return h.path("id").asLong();
        throw new AssertionError("no Party organization named " + name);
    }

    private static Map<String, Object> org(String name, Long parent, String division, Object version) {
        Map<String, Object> m = new HashMap<>();
        m.put("name", name);
        m.put("kind", "BRANCH");
        m.put("category", "TERRITORIAL");
        m.put("parentId", parent);
        m.put("divisionCode", division);
        m.put("version", version);
        return m;
    }

    @Test
    void listsTheTreeFromTheCityCommittee() throws Exception {
        JsonNode roots = call(get("/api/organization/party-orgs").with(as("leader")), 200);
        assertThat(texts(roots.path("items"), "name")).contains("中共长沙市委员会");
        roots.path("items").forEach(r -> assertThat(r.path("parentId").isNull()).as(r.toString()).isTrue());
        long city = orgId("中共长沙市委员会");
        JsonNode districts = call(get("/api/organization/party-orgs").param("parent", String.valueOf(city)).with(as("leader")), 200);
        assertThat(texts(districts.path("items"), "name")).contains("中共芙蓉区委员会", "中共浏阳市委员会");
        assertThat(districts.path("total").asLong()).isGreaterThanOrEqualTo(9);
    }

    @Test
    void partyStaffCreateBranchesInTheirTerritoryOnly() throws Exception {
        long street = orgId("中共文艺路街道工作委员会");
        String name = unique("测试党支部");
        JsonNode created = call(json(post("/api/organization/party-orgs"), org(name, street, "430102001", null)).with(as("party")), 201);
        assertThat(created.path("parentId").asLong()).isEqualTo(street);
        JsonNode children = call(get("/api/organization/party-orgs").param("parent", String.valueOf(street)).param("size", "200")
                .with(as("party")), 200);
        assertThat(texts(children.path("items"), "name")).contains(name);

        long tianxin = orgId("中共天心区委员会");
        assertApiError(call(json(post("/api/organization/party-orgs"), org(unique("越界党支部"), tianxin, "430103", null))
                .with(as("party")), 403), 403);
        assertApiError(call(json(post("/api/organization/party-orgs"), org(unique("党支部"), street, "430102001", null))
                .with(as("dispatcher")), 403), 403);
    }

    @Test
    void aStreetsPartyStaffDoNotAttachBranchesStraightUnderTheCityOrAsRoots() throws Exception {
        long city = orgId("中共长沙市委员会");
        String skipping = unique("越级党支部");
        JsonNode refused = call(json(post("/api/organization/party-orgs"), org(skipping, city, "430102001", null)).with(as("party")), 403);
        assertApiError(refused, 403);
        assertThat(refused.path("message").asString()).contains("上级党组织须在您的辖区内", "中共长沙市委员会");
        assertApiError(call(json(post("/api/organization/party-orgs"), org(unique("无上级党支部"), null, "430102001", null))
                .with(as("party")), 403), 403);
        assertThat(call(get("/api/organization/party-orgs").param("q", skipping).with(as("admin")), 200).path("total").asLong()).isZero();
        call(json(post("/api/organization/party-orgs"), org(unique("市直党支部"), city, "430100", null)).with(as("admin")), 201);
    }

    @Test
    void anOrganizationCannotMoveUnderItsOwnBranch() throws Exception {
        long street = orgId("中共文艺路街道工作委员会");
        String a = unique("测试党总支"), b = unique("测试党支部");
        JsonNode parent = call(json(post("/api/organization/party-orgs"), org(a, street, "430102001", null)).with(as("party")), 201);
        long aId = parent.path("id").asLong();
        JsonNode child = call(json(post("/api/organization/party-orgs"), org(b, aId, "430102001", null)).with(as("party")), 201);
        long bId = child.path("id").asLong();
        int version = parent.path("version").asInt();

        assertApiError(call(json(put("/api/organization/party-orgs/" + aId), org(a, bId, "430102001", version)).with(as("party")), 400), 400);
        assertApiError(call(json(put("/api/organization/party-orgs/" + aId), org(a, aId, "430102001", version)).with(as("party")), 400), 400);
        assertThat(call(get("/api/organization/party-orgs/" + aId).with(as("party")), 200).path("parentId").asLong()).isEqualTo(street);
    }

    // ---- Party members

    @Test
    void partyStaffSeeMaskedMembersOfTheirTerritoryOnly() throws Exception {
        JsonNode page = call(get("/api/organization/members").param("size", "200").with(as("party")), 200);
        assertThat(page.path("total").asLong()).isPositive();
        Set<Long> orgs = new HashSet<>();
        for (JsonNode m : page.path("items")) {
            assertThat(m.path("masked").asBoolean()).isTrue();
            assertThat(m.path("name").asString()).contains("*");
            if (!m.path("phone").isNull()) assertThat(m.path("phone").asString()).contains("*");
            orgs.add(m.path("organizationId").asLong());
        }
        for (long id : orgs) {
            String division = call(get("/api/organization/party-orgs/" + id).with(as("admin")), 200).path("divisionCode").asString();
            assertThat(division).as("organization " + id).startsWith("430102001");
        }
    }

    @Test
    void revealShowsTheFullRecordAndIsAudited() throws Exception {
        JsonNode first = call(get("/api/organization/members").param("size", "1").with(as("party")), 200).path("items").get(0);
        long id = first.path("id").asLong();
        String reason = unique("核实联系方式");
        JsonNode full = call(json(post("/api/organization/members/" + id + "/reveal"), Map.of("reason", reason)).with(as("party")), 200);
        assertThat(full.path("masked").asBoolean()).isFalse();
        assertThat(full.path("phone").asString()).doesNotContain("*").matches("1\\d{10}");
        assertThat(full.path("name").asString()).doesNotContain("*");
        assertThat(PersonalData.maskPhone(full.path("phone").asString())).isEqualTo(first.path("phone").asString());

        JsonNode audit = call(get("/api/identity/audit").param("q", "party-member:" + id).with(as("admin")), 200).path("items");
        boolean found = false;
        for (JsonNode e : audit) {
            found |= e.path("action").asString().equals("PERSONAL_DATA_REVEALED") && e.path("actor").asString().equals("party")
                    && reason.equals(e.path("detail").asString());
        }
        assertThat(found).as("audit entry for the reveal in " + audit).isTrue();
    }

    @Test
    void leadersCannotListMembers() throws Exception {
        assertApiError(call(get("/api/organization/members").with(as("leader")), 403), 403);
        assertApiError(call(json(post("/api/organization/members/1/reveal"), "{}").with(as("leader")), 403), 403);
    }
}

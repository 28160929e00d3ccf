package org.hemei.casework.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.hemei.ApiTestSupport;
import org.hemei.casework.Categories;
import org.hemei.organization.Units;
import org.hemei.territory.Territory;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import tools.jackson.databind.JsonNode;

/** Open311 GeoReport v2 through HTTP, in JSON and XML, as a third-party app would use it. */
class Open311ApiTest extends ApiTestSupport {

    static final String V2 = "/open311/v2";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Categories categories;
    @Autowired
    Units units;
    @Autowired
    Territory territory;
    @Autowired
    Clock clock;

    // ---- helpers

    record Answer(int status, String contentType, String body) {

        JsonNode json() {
            return JSON.readTree(body);
        }

        Element xml() throws Exception {
            Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            return d.getDocumentElement();
        }
    }

    Answer send(MockHttpServletRequestBuilder request, int expectedStatus) throws Exception {
        MockHttpServletResponse r = mvc.perform(request).andReturn().getResponse();
        String body = r.getContentAsString(StandardCharsets.UTF_8);
        assertThat(r.getStatus()).as(body).isEqualTo(expectedStatus);
        return new Answer(r.getStatus(), r.getContentType(), body);
    }

    /** A form post as the spec sends it, with the demo resident's key unless the fields say otherwise. */
    static MockHttpServletRequestBuilder report(String format, Map<String, String> fields) {
        MockHttpServletRequestBuilder r = post(V2 + "/requests." + format).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        Map<String, String> all = new HashMap<>(Map.of("api_key", "demo-resident"));
        all.putAll(fields);
        all.forEach((k, v) -> {
            if (v != null) r.param(k, v);
        });
        return r;
    }

    Map<String, String> at(String community, String serviceCode) throws Exception {
        GridPoint p = insideFirstGrid(community);
        Map<String, String> f = new HashMap<>();
        f.put("service_code", serviceCode);
        f.put("lat", String.valueOf(p.lat()));
        f.put("long", String.valueOf(p.lng()));
        f.put("description", unique("路灯不亮") + "，联系我 13812345678");
        f.put("first_name", "三丰");
        f.put("last_name", "张");
        f.put("phone", "13812341234");
        f.put("email", "zhang@example.org");
        return f;
    }

    String created(Map<String, String> fields) throws Exception {
        JsonNode answer = send(report("json", fields), 200).json();
        assertThat(answer.isArray()).isTrue();
        assertThat(answer).hasSize(1);
        String id = answer.get(0).path("service_request_id").asString();
        assertThat(id).matches("12345-\\d{8}-\\d{6,}");
        return id;
    }

    static void assertOpen311Error(Answer a, int code) throws Exception {
        if (a.contentType().startsWith("text/xml")) {
            Element root = a.xml();
            assertThat(root.getTagName()).isEqualTo("errors");
            Element error = child(root, "error");
            assertThat(text(error, "code")).isEqualTo(String.valueOf(code));
            assertThat(text(error, "description")).isNotBlank();
        } else {
            assertThat(a.contentType()).startsWith("application/json");
            JsonNode errors = a.json();
            assertThat(errors.isArray()).as(a.body()).isTrue();
            assertThat(errors.get(0).path("code").asInt()).isEqualTo(code);
            assertThat(errors.get(0).path("description").asString()).isNotBlank();
        }
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertThat(found).as("<" + name + "> in <" + parent.getTagName() + ">").hasSize(1);
        return found.get(0);
    }

    static String text(Element parent, String name) {
        return child(parent, name).getTextContent();
    }

    List<String> ids(String query) throws Exception {
        return texts(send(get(java.net.URI.create(V2 + "/requests.json?" + query)), 200).json(), "service_request_id");
    }

    // ---- discovery and services

    @Test
    void discoveryNamesTheEndpointAndItsFormats() throws Exception {
        Answer json = send(get(V2 + "/discovery.json"), 200);
        assertThat(json.contentType()).isEqualTo("application/json;charset=UTF-8");
        JsonNode d = json.json();
        for (String field : List.of("changeset", "contact", "key_service")) assertThat(d.path(field).asString()).isNotBlank();
        JsonNode endpoint = d.path("endpoints").get(0);
        assertThat(endpoint.path("specification").asString()).isEqualTo("http://wiki.open311.org/GeoReport_v2");
        assertThat(endpoint.path("url").asString()).endsWith("/open311/v2");
        assertThat(endpoint.path("type").asString()).isEqualTo("test"); // the demo profile
        assertThat(List.of(endpoint.path("formats").get(0).asString(), endpoint.path("formats").get(1).asString()))
                .containsExactly("text/xml", "application/json");

        Answer xml = send(get(V2 + "/discovery.xml"), 200);
        assertThat(xml.contentType()).isEqualTo("text/xml;charset=UTF-8");
        assertThat(xml.body()).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        Element root = xml.xml();
        assertThat(root.getTagName()).isEqualTo("discovery");
        Element e = child(child(root, "endpoints"), "endpoint");
        assertThat(text(e, "url")).endsWith("/open311/v2");
        assertThat(children(child(e, "formats"), "format")).extracting(Element::getTextContent)
                .containsExactly("text/xml", "application/json");
    }

    @Test
    void servicesAreTheCategoryCatalogue() throws Exception {
        JsonNode services = send(get(V2 + "/services.json"), 200).json();
        assertThat(services).hasSize(categories.all().size());
        JsonNode sanitation = null;
        for (JsonNode s : services) if (s.path("service_code").asString().equals("SANITATION")) sanitation = s;
        assertThat(sanitation).isNotNull();
        var category = categories.get("SANITATION");
        assertThat(sanitation.path("service_name").asString()).isEqualTo(category.name());
        assertThat(sanitation.path("group").asString()).isEqualTo(category.level1());
        assertThat(sanitation.path("metadata").isBoolean()).isTrue();
        assertThat(sanitation.path("metadata").asBoolean()).isFalse();
        assertThat(sanitation.path("type").asString()).isEqualTo("realtime");
        assertThat(sanitation.path("description").asString()).contains(category.nameEn());
        assertThat(sanitation.path("keywords").asString()).contains(category.name(), category.nameEn(), "垃圾", "清运");

        Element root = send(get(V2 + "/services.xml").param("jurisdiction_id", "430100"), 200).xml();
        assertThat(root.getTagName()).isEqualTo("services");
        List<Element> xmlServices = children(root, "service");
        assertThat(xmlServices).hasSize(services.size());
        Element first = xmlServices.get(0);
        assertThat(text(first, "service_code")).isEqualTo(services.get(0).path("service_code").asString());
        assertThat(text(first, "service_name")).isEqualTo(services.get(0).path("service_name").asString());
        assertThat(text(first, "metadata")).isEqualTo("false");
        assertThat(text(first, "type")).isEqualTo("realtime");
        assertThat(text(first, "group")).isEqualTo(services.get(0).path("group").asString());
    }

    @Test
    void aServiceDefinitionHasNoExtraAttributesAndUnknownCodesAre404() throws Exception {
        JsonNode definition = send(get(V2 + "/services/SANITATION.json"), 200).json();
        assertThat(definition.path("service_code").asString()).isEqualTo("SANITATION");
        assertThat(definition.path("attributes").isArray()).isTrue();
        assertThat(definition.path("attributes")).isEmpty();
        Element root = send(get(V2 + "/services/SANITATION.xml"), 200).xml();
        assertThat(root.getTagName()).isEqualTo("service_definition");
        assertThat(text(root, "service_code")).isEqualTo("SANITATION");
        assertThat(children(child(root, "attributes"), "attribute")).isEmpty();

        assertOpen311Error(send(get(V2 + "/services/NOPE.json"), 404), 404);
        assertOpen311Error(send(get(V2 + "/services/NOPE.xml"), 404), 404);
    }

    @Test
    void anotherJurisdictionIs404() throws Exception {
        assertOpen311Error(send(get(V2 + "/services.json").param("jurisdiction_id", "sfgov.org"), 404), 404);
        assertOpen311Error(send(get(V2 + "/requests.xml").param("jurisdiction_id", "430200"), 404), 404);
        assertOpen311Error(send(report("json", Map.of("jurisdiction_id", "430200", "service_code", "SANITATION",
                "address_string", "五一大道")), 404), 404);
    }

    // ---- posting

    @Test
    void aResidentsKeyPostsARequestThatBecomesAnOpen311WorkOrder() throws Exception {
        Map<String, String> fields = at("430102001001", "SANITATION");
        fields.put("account_id", "app-user-42");
        JsonNode answer = send(report("json", fields), 200).json();
        String id = answer.get(0).path("service_request_id").asString();
        assertThat(answer.get(0).has("token")).as("realtime: no token").isFalse();
        assertThat(answer.get(0).path("service_notice").asString()).contains("办结");
        assertThat(answer.get(0).path("account_id").asString()).isEqualTo("app-user-42");

        JsonNode order = call(get("/api/casework/orders/by-number/" + id).with(as("resident")), 200);
        long orderId = order.path("id").asLong();
        order = call(get("/api/casework/orders/" + orderId).with(as("resident")), 200);
        assertThat(order.path("channel").asString()).isEqualTo("OPEN311");
        assertThat(order.path("status").asString()).isEqualTo("RECEIVED");
        assertThat(order.path("categoryCode").asString()).isEqualTo("SANITATION");
        assertThat(order.path("divisionCode").asString()).startsWith("430102001001");
        assertThat(order.path("text").asString()).isEqualTo(fields.get("description"));
        assertThat(order.path("requester").path("name").asString()).isEqualTo("张三丰");
        assertThat(order.path("requester").path("phone").asString()).isEqualTo("13812341234");
        assertThat(texts(order.path("timeline"), "actor")).containsExactly("resident");

        // Read back publicly: the request, without the requester.
        Answer json = send(get(V2 + "/requests/" + id + ".json"), 200);
        JsonNode request = json.json().get(0);
        assertThat(request.path("service_request_id").asString()).isEqualTo(id);
        assertThat(request.path("status").asString()).isEqualTo("open");
        assertThat(request.path("service_code").asString()).isEqualTo("SANITATION");
        assertThat(request.path("service_name").asString()).isEqualTo(categories.get("SANITATION").name());
        assertThat(request.path("lat").asDouble()).isEqualTo(Double.parseDouble(fields.get("lat")));
        assertThat(request.path("long").asDouble()).isEqualTo(Double.parseDouble(fields.get("long")));
        assertThat(request.path("address").asString()).contains("识字里社区", "长沙市");
        assertThat(request.path("requested_datetime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+08:00");
        assertThat(request.path("description").asString()).contains("138****5678").doesNotContain("13812345678");
        assertThat(json.body()).doesNotContain("张三丰", "三丰", "13812341234", "zhang@example.org", "app-user-42");
    }

    @Test
    void posting403WithoutOrWithAWrongApiKey() throws Exception {
        Map<String, String> fields = new HashMap<>(Map.of("service_code", "SANITATION", "address_string", "五一大道 1 号"));
        fields.put("api_key", null);
        assertOpen311Error(send(report("json", fields), 403), 403);
        assertOpen311Error(send(report("xml", fields), 403), 403);
        fields.put("api_key", "demo-nobody");
        Answer wrong = send(report("json", fields), 403);
        assertOpen311Error(wrong, 403);
        assertThat(wrong.json().get(0).path("description").asString()).contains("api_key");
    }

    @Test
    void aSignedInBrowserPostsWithItsApiKeyWithoutACsrfTokenAndBearerKeysAlsoWork() throws Exception {
        var login = mvc.perform(post("/login").param("username", "grid").param("password", "demo")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn();
        var session = (org.springframework.mock.web.MockHttpSession) login.getRequest().getSession(false);
        String viaSession = send(report("json", Map.of("service_code", "ROAD", "address_string", "芙蓉中路")).session(session), 200)
                .json().get(0).path("service_request_id").asString();
        // The api_key decides who posts, not the session.
        assertThat(call(get("/api/casework/orders/by-number/" + viaSession).with(as("dispatcher")), 200).path("timeline").get(0)
                .path("actor").asString()).isEqualTo("resident");

        Map<String, String> noKey = new HashMap<>(Map.of("service_code", "ROAD", "address_string", "芙蓉中路"));
        noKey.put("api_key", null);
        // A session alone is no api_key (and would make posting forgeable, since CSRF is not checked here).
        assertOpen311Error(send(report("json", noKey).session(session), 403), 403);
        String viaBearer = send(report("json", noKey).with(as("courier")), 200).json().get(0).path("service_request_id").asString();
        assertThat(call(get("/api/casework/orders/by-number/" + viaBearer).with(as("courier")), 200).path("channel").asString())
                .isEqualTo("OPEN311");
    }

    @Test
    void postingNeedsAKnownServiceAndALocation() throws Exception {
        long before = jdbc.sql("select count(*) from work_order").query(Long.class).single();
        assertOpen311Error(send(report("json", Map.of("address_string", "五一大道")), 400), 400); // no service_code
        Answer unknown = send(report("json", Map.of("service_code", "NOPE", "address_string", "五一大道")), 404);
        assertOpen311Error(unknown, 404); // "404 - service_code … was not found"
        assertThat(unknown.json().get(0).path("description").asString()).contains("NOPE");
        Answer nowhere = send(report("xml", Map.of("service_code", "SANITATION", "description", "没有位置")), 400);
        assertOpen311Error(nowhere, 400);
        assertThat(nowhere.body()).contains("address_string");
        assertOpen311Error(send(report("json", Map.of("service_code", "SANITATION", "lat", "28.19")), 400), 400);
        assertOpen311Error(send(report("json", Map.of("service_code", "SANITATION", "lat", "north", "long", "112.9")), 400), 400);
        Answer badAddress = send(report("json", Map.of("service_code", "SANITATION", "address_id", "999999999999")), 400);
        assertOpen311Error(badAddress, 400);
        assertThat(badAddress.body()).contains("address_id");
        assertOpen311Error(send(report("json", Map.of("service_code", "SANITATION", "address_string", "五一大道",
                "phone", "not a phone")), 400), 400);
        assertThat(jdbc.sql("select count(*) from work_order").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void postingAnswersInXmlAcceptsJsonBodiesAndRepeatsAreIdempotent() throws Exception {
        Element root = send(report("xml", Map.of("service_code", "NOISE", "address_string", "黄兴南路步行街",
                "address_id", "430102001001")), 200).xml();
        assertThat(root.getTagName()).isEqualTo("service_requests");
        String id = text(child(root, "request"), "service_request_id");
        assertThat(id).matches("12345-\\d{8}-\\d{6,}");
        assertThat(text(child(root, "request"), "service_notice")).isNotBlank();
        JsonNode request = send(get(V2 + "/requests/" + id + ".json"), 200).json().get(0);
        assertThat(request.path("address").asString()).isEqualTo("黄兴南路步行街");
        assertThat(request.path("address_id").asString()).isEqualTo("430102001001");
        assertThat(request.path("lat").isNull()).isTrue();

        String body = JSON.writeValueAsString(Map.of("api_key", "demo-courier", "service_code", "ROAD", "address_string", "芙蓉中路",
                "description", "井盖缺失"));
        String key = unique("open311");
        String first = send(post(V2 + "/requests.json").contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Idempotency-Key", key), 200).json().get(0).path("service_request_id").asString();
        String again = send(post(V2 + "/requests.json").contentType(MediaType.APPLICATION_JSON).content(body)
                .header("Idempotency-Key", key), 200).json().get(0).path("service_request_id").asString();
        assertThat(again).isEqualTo(first);
        // The same key from another account is another request.
        String other = send(report("json", Map.of("service_code", "ROAD", "address_string", "芙蓉中路")).header("Idempotency-Key", key),
                200).json().get(0).path("service_request_id").asString();
        assertThat(other).isNotEqualTo(first);

        // Anyone may post: a body past 64 KB is refused in the spec's error form before it is read into memory.
        String huge = JSON.writeValueAsString(Map.of("api_key", "demo-courier", "service_code", "ROAD", "description", "长".repeat(30_000)));
        assertOpen311Error(send(post(V2 + "/requests.json").contentType(MediaType.APPLICATION_JSON).content(huge), 413), 413);
    }

    // ---- reading requests

    @Test
    void freeTextIsScrubbedOfPersonalNumbers() {
        assertThat(Open311Requests.scrub("电话13812345678，座机0731-84567890，身份证430102199001011234，邮箱 zhang.san@example.org，工单 12345-20261125-000123"))
                .isEqualTo("电话138****5678，座机0731-****7890，身份证430102********1234，邮箱 ***@***，工单 12345-20261125-000123");
        assertThat(Open311Requests.scrub("手机 +8613812345678 或 138 1234 5678、139-1234-5678，座机 0731 8456 7890"))
                .isEqualTo("手机 138****5678 或 138****5678、139****5678，座机 0731-****7890");
    }

    @Test
    void requestsAreFilteredByIdCodeStatusAndDates() throws Exception {
        String road = created(Map.of("service_code", "ROAD", "address_string", "芙蓉中路"));
        String noise = created(Map.of("service_code", "NOISE", "address_string", "坡子街"));
        String invalid = created(Map.of("service_code", "NOISE", "address_string", "坡子街"));
        long invalidId = call(get("/api/casework/orders/by-number/" + invalid).with(as("dispatcher")), 200).path("id").asLong();
        call(json(post("/api/casework/orders/" + invalidId + "/invalidate").with(as("dispatcher")), Map.of("reason", "重复来电")), 200);

        assertThat(ids("service_request_id=" + road + "," + noise + ",12345-19990101-000001")).containsExactlyInAnyOrder(road, noise);
        // service_request_id overrides every other argument.
        assertThat(ids("service_request_id=" + road + "&service_code=NOISE&status=closed")).containsExactly(road);

        assertThat(ids("service_code=NOISE")).contains(noise, invalid).doesNotContain(road);
        assertThat(ids("service_code=NOISE,ROAD")).contains(noise, invalid, road);
        assertThat(ids("service_code=NOISE&status=open")).contains(noise).doesNotContain(invalid);
        assertThat(ids("service_code=NOISE&status=closed")).contains(invalid).doesNotContain(noise);
        assertThat(ids("service_code=NOISE&status=open,closed")).contains(noise, invalid);

        JsonNode closed = send(get(V2 + "/requests/" + invalid + ".json"), 200).json().get(0);
        assertThat(closed.path("status").asString()).isEqualTo("closed");
        assertThat(closed.path("status_notes").asString()).contains("invalid");

        Instant now = clock.instant();
        String hourAgo = OffsetDateTime.ofInstant(now.minus(1, ChronoUnit.HOURS), ZoneOffset.ofHours(8)).toString();
        assertThat(ids("service_code=ROAD&start_date=" + hourAgo.replace("+", "%2B"))).contains(road);
        // An unencoded '+' arrives as a space and is still understood.
        assertThat(texts(send(get(V2 + "/requests.json").param("service_code", "ROAD").param("start_date", hourAgo.replace('+', ' ')),
                200).json(), "service_request_id")).contains(road);
        assertThat(ids("service_code=ROAD&start_date=2020-01-01T00:00:00Z&end_date=2020-03-01T00:00:00Z")).isEmpty();
        assertThat(ids("service_code=ROAD&end_date=" + now.plus(1, ChronoUnit.HOURS))).contains(road);
        assertThat(ids("service_code=ROAD&end_date=" + now.minus(1, ChronoUnit.HOURS))).doesNotContain(road);
    }

    @Test
    void withoutDatesOnlyTheLast90DaysAreListed() throws Exception {
        String old = created(Map.of("service_code", "ENCROACH", "address_string", "岳麓山"));
        Instant hundredDaysAgo = clock.instant().minus(100, ChronoUnit.DAYS);
        jdbc.sql("update work_order set received_at = ? where number = ?")
                .params(OffsetDateTime.ofInstant(hundredDaysAgo, ZoneOffset.UTC), old).update();
        assertThat(ids("service_code=ENCROACH")).doesNotContain(old);
        assertThat(ids("service_code=ENCROACH&start_date=" + hundredDaysAgo.minus(1, ChronoUnit.DAYS))).contains(old);
        assertThat(ids("service_request_id=" + old)).containsExactly(old); // by id, any age
    }

    @Test
    void badArgumentsAre400() throws Exception {
        assertOpen311Error(send(get(V2 + "/requests.json?start_date=yesterday"), 400), 400);
        assertOpen311Error(send(get(V2 + "/requests.xml?end_date=2026-13-40"), 400), 400);
        assertOpen311Error(send(get(V2 + "/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z"), 400), 400);
        assertOpen311Error(send(get(V2 + "/requests.json?start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z"), 400), 400);
        assertOpen311Error(send(get(V2 + "/requests.json?status=pending"), 400), 400);
        assertOpen311Error(send(get(V2 + "/requests.json?service_code=NOPE"), 400), 400);
        // W3C dates without seconds, and plain days, are fine; 90 days exactly is the longest span.
        send(get(java.net.URI.create(V2 + "/requests.json?start_date=2026-01-01T00:00%2B08:00&end_date=2026-04-01T00:00%2B08:00")), 200);
        send(get(V2 + "/requests.json?start_date=2026-01-01"), 200);
    }

    @Test
    void atMostTheCapIsReturnedNewestFirst() throws Exception {
        assertThat(Open311Requests.MAX_RECORDS).isEqualTo(1000);
        for (int i = 0; i < 3; i++) created(Map.of("service_code", "SANITATION", "address_string", "解放西路"));
        Open311Requests capped = new Open311Requests(jdbc, categories, units, territory, clock, 2);
        List<Map<String, Object>> page = capped.search(capped.filter(null, null, null, null, null));
        assertThat(page).hasSize(2);
        assertThat(OffsetDateTime.parse((String) page.get(0).get("requested_datetime")))
                .isAfterOrEqualTo(OffsetDateTime.parse((String) page.get(1).get("requested_datetime")));
        assertThat(capped.search(capped.filter(null, "SANITATION", null, null, "open"))).hasSize(2);
    }

    @Test
    void aRequestIn_XmlAndUnknownIdsAre404() throws Exception {
        String id = created(at("430102001001", "SANITATION"));
        Element root = send(get(V2 + "/requests/" + id + ".xml"), 200).xml();
        assertThat(root.getTagName()).isEqualTo("service_requests");
        Element request = child(root, "request");
        assertThat(text(request, "service_request_id")).isEqualTo(id);
        assertThat(text(request, "status")).isEqualTo("open");
        assertThat(text(request, "service_code")).isEqualTo("SANITATION");
        assertThat(text(request, "requested_datetime")).endsWith("+08:00");
        assertThat(child(request, "media_url").getTextContent()).isEmpty();
        assertThat(Double.parseDouble(text(request, "lat"))).isBetween(27.0, 29.0);
        List<String> names = new ArrayList<>();
        for (Node n = request.getFirstChild(); n != null; n = n.getNextSibling()) if (n instanceof Element e) names.add(e.getTagName());
        assertThat(names).containsExactly("service_request_id", "status", "status_notes", "service_name", "service_code", "description",
                "agency_responsible", "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address",
                "address_id", "zipcode", "lat", "long", "media_url");

        Element list = send(get(V2 + "/requests.xml").param("service_request_id", id), 200).xml();
        assertThat(children(list, "request")).hasSize(1);

        assertOpen311Error(send(get(V2 + "/requests/12345-19990101-000001.json"), 404), 404);
        assertOpen311Error(send(get(V2 + "/requests/12345-19990101-000001.xml"), 404), 404);
    }

    @Test
    void dispatchedOrdersNameTheAgencyAndTheExpectedTime() throws Exception {
        String id = created(at("430102001001", "SANITATION"));
        long orderId = call(get("/api/casework/orders/by-number/" + id).with(as("dispatcher")), 200).path("id").asLong();
        call(json(post("/api/casework/orders/" + orderId + "/register").with(as("dispatcher")), Map.of("category", "SANITATION")), 200);
        JsonNode dispatched = call(json(post("/api/casework/orders/" + orderId + "/dispatch").with(as("dispatcher")), Map.of()), 200);
        JsonNode request = send(get(V2 + "/requests/" + id + ".json"), 200).json().get(0);
        assertThat(request.path("agency_responsible").asString()).isEqualTo(dispatched.path("leadUnit").path("name").asString());
        assertThat(OffsetDateTime.parse(request.path("expected_datetime").asString()).toInstant())
                .isEqualTo(Instant.parse(dispatched.path("handleDueAt").asString()).truncatedTo(ChronoUnit.SECONDS));
        assertThat(request.path("status_notes").asString()).contains(dispatched.path("leadUnit").path("name").asString());
        assertThat(OffsetDateTime.parse(request.path("updated_datetime").asString()))
                .isAfterOrEqualTo(OffsetDateTime.parse(request.path("requested_datetime").asString()));
    }

    @Test
    void confidentialOrdersShowNeitherPlaceNorText() throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        Map<String, Object> demand = new HashMap<>(Map.of("text", "举报邻居 " + unique("违建"), "category", "SANITATION",
                "lat", p.lat(), "lng", p.lng(), "address", "某小区 3 栋 502", "requesterName", "李四", "requesterPhone", "13900001111",
                "confidential", true));
        String number = call(json(post("/api/casework/orders").with(as("resident")), demand), 201).path("number").asString();
        Answer a = send(get(V2 + "/requests/" + number + ".json"), 200);
        JsonNode request = a.json().get(0);
        assertThat(request.path("service_code").asString()).isEqualTo("SANITATION");
        for (String hidden : List.of("description", "address", "address_id", "lat", "long")) {
            assertThat(request.path(hidden).isNull()).as(hidden).isTrue();
        }
        assertThat(a.body()).doesNotContain("李四", "13900001111", "502", "违建");
    }

    @Test
    void uncategorisedOrdersAreNotPublished() throws Exception {
        String number = call(json(post("/api/casework/orders").with(as("resident")), Map.of("text", "没有类别的诉求")), 201)
                .path("number").asString();
        assertOpen311Error(send(get(V2 + "/requests/" + number + ".json"), 404), 404);
        assertThat(ids("service_request_id=" + number)).isEmpty();
    }

    @Test
    void aTokenIsTheRequestIdItself() throws Exception {
        String id = created(Map.of("service_code", "ROAD", "address_string", "芙蓉中路"));
        JsonNode token = send(get(V2 + "/tokens/" + id + ".json"), 200).json();
        assertThat(token).hasSize(1);
        assertThat(token.get(0).path("service_request_id").asString()).isEqualTo(id);
        assertThat(token.get(0).path("token").asString()).isEqualTo(id);
        Element root = send(get(V2 + "/tokens/" + id + ".xml"), 200).xml();
        assertThat(text(child(root, "request"), "token")).isEqualTo(id);
        assertOpen311Error(send(get(V2 + "/tokens/nope.json"), 404), 404);
        assertOpen311Error(send(get(V2 + "/tokens/nope.xml"), 404), 404);
    }
}

package org.hemei.casework.open311;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.hemei.casework.Categories;
import org.hemei.casework.Category;
import org.hemei.casework.Channel;
import org.hemei.casework.Intake;
import org.hemei.identity.Account;
import org.hemei.identity.AccountAdministration;
import org.hemei.identity.Actor;
import org.hemei.identity.ApiKeys;
import org.hemei.identity.HemeiUser;
import org.hemei.identity.PublicEndpoint;
import org.hemei.territory.Territory;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Open311 GeoReport v2 for Changsha (jurisdiction {@code 430100}): the category catalogue as services, work
 * orders as service requests. Reading is public; posting needs an {@code api_key} (any Hemei API key) and
 * creates the work order at once, so {@code type} is {@code realtime} and no token is ever issued. Every
 * resource answers in {@code .json} and {@code .xml}.
 */
@Tag(name = "open311", description = "Open311 GeoReport v2 (公开接口 / public)")
@PublicEndpoint
@RestController
@RequestMapping("/open311/v2")
class Open311Api {

    static final String JURISDICTION = "430100";
    static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    /** When the discovery document or the service list last changed shape (the catalogue is seeded data). */
    static final String CHANGESET = "2026-11-25T00:00:00+08:00";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Categories categories;
    private final Open311Requests requests;
    private final Intake intake;
    private final AccountAdministration accounts;
    private final Territory territory;
    private final Environment environment;

    Open311Api(Categories categories, Open311Requests requests, Intake intake, AccountAdministration accounts, Territory territory,
            Environment environment) {
        this.territory = territory;
        this.categories = categories;
        this.requests = requests;
        this.intake = intake;
        this.accounts = accounts;
        this.environment = environment;
    }

    @Operation(summary = "Service discovery: where GeoReport v2 is served and in which formats")
    @GetMapping({ "/discovery.json", "/discovery.xml" })
    ResponseEntity<byte[]> discovery(HttpServletRequest request) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("specification", SPECIFICATION);
        endpoint.put("url", ServletUriComponentsBuilder.fromCurrentContextPath().path("/open311/v2").toUriString());
        endpoint.put("changeset", CHANGESET);
        endpoint.put("type", environment.acceptsProfiles(Profiles.of("demo")) ? "test" : "production");
        endpoint.put("formats", List.of("text/xml", "application/json"));
        Map<String, Object> discovery = new LinkedHashMap<>();
        discovery.put("changeset", CHANGESET);
        discovery.put("contact", "长沙市 12345 政务服务便民热线，拨打 12345 / Changsha 12345 citizen service hotline: call 12345");
        discovery.put("key_service", "API 密钥（api_key）由和美平台管理员签发 / API keys (api_key) are issued by the Hemei platform's administrators");
        discovery.put("endpoints", List.of(endpoint));
        return format(request).render(200, "discovery", discovery);
    }

    @Operation(summary = "Service list: the category catalogue 诉求类别")
    @GetMapping({ "/services.json", "/services.xml" })
    ResponseEntity<byte[]> services(HttpServletRequest request,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
        jurisdiction(jurisdictionId);
        return format(request).render(200, "services", categories.all().stream().map(Open311Api::service).toList());
    }

    @Operation(summary = "Service definition: no category asks for extra attributes, so the list is empty")
    @GetMapping({ "/services/{code}.json", "/services/{code}.xml" })
    ResponseEntity<byte[]> serviceDefinition(HttpServletRequest request, @PathVariable String code,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
        jurisdiction(jurisdictionId);
        Category category = categories.find(code)
                .orElseThrow(() -> Open311Exception.notFound("未知的 service_code / service_code not found: " + code));
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", category.code());
        definition.put("attributes", List.of());
        return format(request).render(200, "service_definition", definition);
    }

    @Operation(summary = "Service requests: last 90 days, at most 1,000, newest first; filters service_request_id, service_code, start_date, end_date, status")
    @GetMapping({ "/requests.json", "/requests.xml" })
    ResponseEntity<byte[]> requests(HttpServletRequest request,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId,
            @RequestParam(name = "service_request_id", required = false) String serviceRequestId,
            @RequestParam(name = "service_code", required = false) String serviceCode,
            @RequestParam(name = "start_date", required = false) String startDate,
            @RequestParam(name = "end_date", required = false) String endDate,
            @RequestParam(name = "status", required = false) String status) {
        jurisdiction(jurisdictionId);
        Open311Requests.Filter filter = requests.filter(serviceRequestId, serviceCode, startDate, endDate, status);
        return format(request).render(200, "service_requests", requests.search(filter));
    }

    @Operation(summary = "One service request by its id, the work order number")
    @GetMapping({ "/requests/{id}.json", "/requests/{id}.xml" })
    ResponseEntity<byte[]> request(HttpServletRequest request, @PathVariable String id,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
        jurisdiction(jurisdictionId);
        Map<String, Object> found = requests.byNumber(id)
                .orElseThrow(() -> Open311Exception.notFound("service_request_id 不存在 / service_request_id not found: " + id));
        return format(request).render(200, "service_requests", List.of(found));
    }

    @Operation(summary = "Token → service_request_id. Requests are created at once and their id returned, so a token is the id itself")
    @GetMapping({ "/tokens/{id}.json", "/tokens/{id}.xml" })
    ResponseEntity<byte[]> token(HttpServletRequest request, @PathVariable String id,
            @RequestParam(name = "jurisdiction_id", required = false) String jurisdictionId) {
        jurisdiction(jurisdictionId);
        requests.byNumber(id).orElseThrow(() -> Open311Exception.notFound("token 不存在 / token not found: " + id));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", id);
        answer.put("token", id);
        return format(request).render(200, "service_requests", List.of(answer));
    }

    @Operation(summary = "Report: application/x-www-form-urlencoded (or JSON) with api_key, service_code and a location; creates a work order at once")
    @PostMapping({ "/requests.json", "/requests.xml" })
    ResponseEntity<byte[]> create(HttpServletRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) throws IOException {
        Map<String, String> p = parameters(request);
        jurisdiction(p.get("jurisdiction_id"));
        Actor poster = poster(p.get("api_key"), request);
        String code = p.get("service_code");
        if (code == null) throw Open311Exception.badRequest("缺少 service_code / service_code was not provided");
        Category category = categories.find(code)
                .orElseThrow(() -> Open311Exception.notFound("未知的 service_code / service_code not found: " + code));
        Double lat = number("lat", p.get("lat"));
        Double lng = number("long", p.get("long"));
        if ((lat == null) != (lng == null)) throw Open311Exception.badRequest("lat 与 long 须同时提供 / send both lat and long");
        String address = limit("address_string", p.get("address_string"), 300);
        String addressId = p.get("address_id");
        if (addressId != null && !territory.exists(addressId)) {
            throw Open311Exception.badRequest("address_id 须为长沙市的区划代码 / address_id must be a division code of Changsha"
                    + " (district, street or community, e.g. 430102001001): " + addressId);
        }
        if (lat == null && address == null && addressId == null) {
            throw Open311Exception.badRequest("须提供位置：lat 和 long、address_string 或 address_id / a location is required: lat and long, address_string or address_id");
        }
        String description = limit("description", p.get("description"), 4000);
        Intake.Demand demand = new Intake.Demand(category.name(), description == null ? category.name() : description, category.code(),
                null, null, limit("first_name/last_name", name(p.get("first_name"), p.get("last_name")), 60),
                limit("phone", p.get("phone"), 30), null, lat, lng, lat == null ? null : "wgs84", address, addressId, null, null);
        String key = idempotencyKey == null || idempotencyKey.isBlank() ? null
                : limit("Idempotency-Key", "open311:" + poster.accountId() + ":" + idempotencyKey.strip(), 100);
        Intake.Received received = poster.acting(() -> intake.receive(Channel.OPEN311, demand, key));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service_request_id", received.order().getNumber());
        answer.put("service_notice", Open311Requests.serviceNotice(category));
        if (p.get("account_id") != null) answer.put("account_id", p.get("account_id"));
        return format(request).render(200, "service_requests", List.of(answer));
    }

    // ----

    private static Map<String, Object> service(Category c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("service_code", c.code());
        s.put("service_name", c.name());
        s.put("description", c.nameEn() + ". " + Open311Requests.serviceNotice(c));
        s.put("metadata", false);
        s.put("type", "realtime");
        s.put("keywords", String.join(", ", Stream.concat(Stream.of(c.name(), c.nameEn(), c.level1()), c.keywords().stream()).toList()));
        s.put("group", c.level1());
        return s;
    }

    private static Open311Format format(HttpServletRequest request) {
        return Open311Format.of(request.getRequestURI());
    }

    /** One jurisdiction is served, so the argument is optional; another one does not exist here. */
    private static void jurisdiction(String id) {
        if (id != null && !id.isBlank() && !id.strip().equals(JURISDICTION)) {
            throw Open311Exception.notFound("jurisdiction_id 不存在，本服务为长沙市 430100 / jurisdiction_id not found: this endpoint serves Changsha, 430100");
        }
    }

    /**
     * Who posts: the api_key's account. A key sent as {@code Authorization: Bearer} (checked by the security
     * chain) also counts; a page session never does, since CSRF is not checked here.
     */
    private Actor poster(String apiKey, HttpServletRequest request) {
        if (apiKey == null) {
            Authentication auth = SecurityContextHolder.getContext().getAuthentication();
            if (ApiKeys.isBearer(request) && auth != null && auth.getPrincipal() instanceof HemeiUser user) {
                return user.actor();
            }
            throw Open311Exception.forbidden("缺少 api_key，无法提交 / api_key is missing: can't proceed with create_request");
        }
        return accounts.findByApiKey(apiKey).filter(Account::isEnabled).map(Account::actor)
                .orElseThrow(() -> Open311Exception.forbidden("api_key 无效或已吊销，无法提交 / invalid api_key received: can't proceed with create_request"));
    }

    private static final int MAX_JSON_BYTES = 64 * 1024;

    /** Form fields and query parameters (the spec's way), or the fields of a JSON object; blank counts as absent. */
    private static Map<String, String> parameters(HttpServletRequest request) throws IOException {
        Map<String, String> p = new HashMap<>();
        if (request.getContentType() != null && MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(request.getContentType()))) {
            // anyone may post here: a request is a few fields, so a body past 64 KB is refused before it is parsed
            byte[] raw = request.getInputStream().readNBytes(MAX_JSON_BYTES + 1);
            if (raw.length > MAX_JSON_BYTES) {
                throw new Open311Exception(413, "请求体过大（最大 64 KB）/ the request body is too large (at most 64 KB)");
            }
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (JacksonException e) {
                throw Open311Exception.badRequest("请求体不是有效的 JSON / the request body is not valid JSON");
            }
            if (body != null && body.isObject()) {
                for (Map.Entry<String, JsonNode> f : body.properties()) {
                    if (f.getValue().isValueNode() && !f.getValue().isNull()) p.put(f.getKey(), f.getValue().asString());
                }
            }
        }
        request.getParameterMap().forEach((k, v) -> {
            if (v.length > 0) p.putIfAbsent(k, v[0]);
        });
        p.values().removeIf(v -> v == null || v.isBlank());
        p.replaceAll((k, v) -> v.strip());
        return p;
    }

    private static Double number(String name, String value) {
        if (value == null) return null;
        try {
            double d = Double.parseDouble(value);
            if (!Double.isFinite(d)) throw new NumberFormatException();
            return d;
        } catch (NumberFormatException e) {
            throw Open311Exception.badRequest(name + " 须为数字 / " + name + " must be a number (got " + value + ")");
        }
    }

    private static String limit(String name, String value, int max) {
        if (value != null && value.length() > max) {
            throw Open311Exception.badRequest(name + " 过长 / " + name + " must be at most " + max + " characters");
        }
        return value;
    }

    /** Chinese names are written family name first and without a space. */
    private static String name(String first, String last) {
        if (first == null && last == null) return null;
        if (first == null) return last;
        if (last == null) return first;
        boolean han = (first + last).codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
        return han ? last + first : first + " " + last;
    }
}

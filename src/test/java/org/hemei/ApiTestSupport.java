package org.hemei;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Assertions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole application with the demo data, driven through MockMvc. Every subclass shares one context
 * (same configuration) and one database, which other tests also write to: create with unique names.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class ApiTestSupport {

    protected static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    protected MockMvc mvc;

    /** Signs the request in with a demo account's API key ({@code demo-<name>}). */
    protected static RequestPostProcessor as(String demoAccount) {
        return bearer("demo-" + demoAccount);
    }

    /** Signs a demo account in through the login form, as a browser does; the session then opens pages. */
    protected org.springframework.mock.web.MockHttpSession signIn(String demoAccount) throws Exception {
        MvcResult result = mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/login")
                .param("username", demoAccount).param("password", "demo")
                .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf())).andReturn();
        Assertions.assertEquals("/", result.getResponse().getRedirectedUrl(), "sign-in of " + demoAccount);
        return (org.springframework.mock.web.MockHttpSession) result.getRequest().getSession(false);
    }

    protected static RequestPostProcessor bearer(String key) {
        return request -> {
            request.addHeader("Authorization", "Bearer " + key);
            return request;
        };
    }

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, Object body) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    /** Performs the request, checks the status and returns the body as JSON (null node when empty). */
    protected JsonNode call(MockHttpServletRequestBuilder request, int expectedStatus) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        String body = result.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        Assertions.assertEquals(expectedStatus, result.getResponse().getStatus(),
                () -> result.getRequest().getMethod() + " " + result.getRequest().getRequestURI() + " → " + body);
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
    }

    /**
     * Waits for a triage training (the 202 body of an upload or retrain, or its {@code training}) to finish and
     * returns the model version it made; fails unless it finished DONE within a minute.
     */
    protected JsonNode trainedModel(JsonNode accepted) throws Exception {
        JsonNode training = accepted.has("training") ? accepted.path("training") : accepted;
        long id = training.path("id").asLong();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Set.of("DONE", "FAILED", "INTERRUPTED").contains(training.path("status").asString())) {
            Assertions.assertTrue(System.nanoTime() < deadline, () -> "training " + id + " still unfinished after a minute");
            Thread.sleep(50);
            training = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/triage/trainings/" + id).with(as("admin")), 200);
        }
        Assertions.assertEquals("DONE", training.path("status").asString(), training::toString);
        Assertions.assertEquals(training.path("stepsTotal").asInt(), training.path("stepsDone").asInt(), training::toString);
        long modelId = training.path("modelId").asLong();
        for (JsonNode m : call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get("/api/triage/models").with(as("admin")), 200)
                .path("items")) { // newest first: the version just made is on the first page
            if (m.path("id").asLong() == modelId) return m;
        }
        throw new AssertionError("training " + id + " names model " + modelId + ", which is not listed");
    }

    /** An API error body: {"status":..,"error":..,"message":..}. */
    protected static void assertApiError(JsonNode error, int status) {
        Assertions.assertEquals(status, error.path("status").asInt(), error.toString());
        Assertions.assertFalse(error.path("error").asString("").isBlank(), error.toString());
        Assertions.assertFalse(error.path("message").asString("").isBlank(), error.toString());
    }

    /** A demo grid and a point well inside it. */
    protected record GridPoint(String code, double lng, double lat) {
    }

    protected GridPoint insideFirstGrid(String divisionCode) throws Exception {
        JsonNode grids = call(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                .get("/api/territory/divisions/" + divisionCode + "/grids").with(as("admin")), 200);
        Assertions.assertTrue(grids.size() > 0, "demo grids of " + divisionCode);
        JsonNode grid = grids.get(0);
        var p = geometry(grid.path("code").asString(), grid.path("geometry").asString()).getInteriorPoint();
        return new GridPoint(grid.path("code").asString(), p.getX(), p.getY());
    }

    protected static org.locationtech.jts.geom.Geometry geometry(String code, String geoJsonGeometry) {
        String fc = "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code
                + "\"},\"geometry\":" + geoJsonGeometry + "}]}";
        var parsed = org.hemei.territory.geo.GeoJsonFeatures.parse(fc, org.hemei.territory.geo.CoordinateSystem.WGS84, null);
        Assertions.assertEquals(List.of(), parsed.problems());
        return parsed.features().get(0).wgs84Geometry();
    }

    protected static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) out.add(n.path(field).asString(null));
        return out;
    }
}

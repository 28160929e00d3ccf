package org.hemei.territory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hemei.ApiTestSupport;
import org.hemei.territory.geo.CoordinateSystem;
import org.hemei.territory.geo.GeoJsonFeatures;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;

class TerritoryApiTest extends ApiTestSupport {

    // ---- divisions

    @Test
    void showsADivisionWithLowerCaseLevelAndItsParent() throws Exception {
        JsonNode community = call(get("/api/territory/divisions/430102001001").with(as("resident")), 200);
        assertThat(community.path("code").asString()).isEqualTo("430102001001");
        assertThat(community.path("name").asString()).isEqualTo("识字里社区居委会");
        assertThat(community.path("shortName").asString()).isEqualTo("识字里社区");
        assertThat(community.path("level").asString()).isEqualTo("community");
        assertThat(community.path("kind").asString()).isEqualTo("community");
        assertThat(community.path("parentCode").asString()).isEqualTo("430102001");

        JsonNode street = call(get("/api/territory/divisions/430102001").with(as("resident")), 200);
        assertThat(street.path("level").asString()).isEqualTo("street");
        assertThat(street.path("parentCode").asString()).isEqualTo("430102");
        JsonNode city = call(get("/api/territory/divisions/430100").with(as("courier")), 200);
        assertThat(city.path("level").asString()).isEqualTo("city");
        assertThat(city.path("parentCode").isNull() || city.path("parentCode").isMissingNode()).isTrue();
    }

    @Test
    void listsChildren() throws Exception {
        JsonNode children = call(get("/api/territory/divisions/430102/children").with(as("dispatcher")), 200);
        assertThat(texts(children, "name")).contains("文艺路街道");
        assertThat(texts(children, "level")).containsOnly("street");
        assertThat(texts(children, "parentCode")).containsOnly("430102");
        assertThat(call(get("/api/territory/divisions/430100/children").with(as("dispatcher")), 200).size()).isEqualTo(9);
    }

    @Test
    void unknownDivisionIs404Json() throws Exception {
        assertApiError(call(get("/api/territory/divisions/430199").with(as("admin")), 404), 404);
        assertApiError(call(get("/api/territory/divisions/430199/children").with(as("admin")), 404), 404);
    }

    @Test
    void searchesDivisionsByNameAndLevel() throws Exception {
        JsonNode page = call(get("/api/territory/divisions").param("q", "文艺路").param("level", "street").with(as("leader")), 200);
        assertThat(texts(page.path("items"), "code")).containsExactly("430102001");
        assertThat(page.path("total").asLong()).isEqualTo(1);
        assertApiError(call(get("/api/territory/divisions").param("level", "planet").with(as("leader")), 400), 400);
        // a page far past the end is empty, not a 500
        assertThat(call(get("/api/territory/divisions").param("page", "2147483647").with(as("leader")), 200).path("items").size())
                .isZero();
    }

    // ---- locate: input checks

    private static MockHttpServletRequestBuilder locate(String... params) {
        MockHttpServletRequestBuilder r = get("/api/territory/locate").with(as("grid"));
        for (int i = 0; i < params.length; i += 2) r = r.param(params[i], params[i + 1]);
        return r;
    }

    @Test
    void locateRefusesBadInputNamingTheParameter() throws Exception {
        assertBadRequestNaming(call(locate("lng", "112.98"), 400), "lat");
        assertBadRequestNaming(call(locate("lat", "28.2"), 400), "lng");
        assertBadRequestNaming(call(locate("lat", "abc", "lng", "112.98"), 400), "lat");
        assertBadRequestNaming(call(locate("lat", "91", "lng", "112.98"), 400), "lat");
        assertBadRequestNaming(call(locate("lat", "28.2", "lng", "-181"), 400), "lng");
        assertBadRequestNaming(call(locate("lat", "NaN", "lng", "112.98"), 400), "lat");
        assertBadRequestNaming(call(locate("lat", "28.2", "lng", "112.98", "crs", "mars"), 400), "crs");
    }

    private static void assertBadRequestNaming(JsonNode error, String parameter) {
        assertApiError(error, 400);
        assertThat(error.path("message").asString()).contains(parameter);
    }

    // ---- locate: results

    /** A point well inside the first demo grid of 识字里社区. */
    private double[] insideDemoGrid(String[] gridCode) throws Exception {
        GridPoint p = insideFirstGrid("430102001001");
        gridCode[0] = p.code();
        return new double[] { p.lng(), p.lat() };
    }

    @Test
    void aPointInADemoGridResolvesEveryLevelConsistently() throws Exception {
        String[] code = new String[1];
        double[] p = insideDemoGrid(code);
        assertThat(code[0]).startsWith("430102001001").hasSize(15);
        JsonNode at = call(locate("lat", String.valueOf(p[1]), "lng", String.valueOf(p[0])), 200);
        assertThat(at.path("grid").path("code").asString()).isEqualTo(code[0]);
        assertThat(at.path("grid").path("communityCode").asString()).isEqualTo("430102001001");
        assertThat(at.path("community").path("code").asString()).isEqualTo("430102001001");
        assertThat(at.path("street").path("code").asString()).isEqualTo("430102001");
        assertThat(at.path("district").path("code").asString()).isEqualTo("430102");
        assertThat(at.path("district").path("level").asString()).isEqualTo("district");

        double[] gcj = CoordinateSystem.GCJ02.fromWgs84(p[0], p[1]);
        assertThat(gcj[0]).as("GCJ-02 is offset from WGS-84 in Changsha").isNotEqualTo(p[0]);
        JsonNode viaGcj = call(locate("lat", String.valueOf(gcj[1]), "lng", String.valueOf(gcj[0]), "crs", "gcj02"), 200);
        assertThat(viaGcj.path("grid").path("code").asString()).isEqualTo(code[0]);

        double[] bd = CoordinateSystem.BD09.fromWgs84(p[0], p[1]);
        JsonNode viaBd = call(locate("lat", String.valueOf(bd[1]), "lng", String.valueOf(bd[0]), "crs", "bd09"), 200);
        assertThat(viaBd.path("grid").path("code").asString()).isEqualTo(code[0]);
    }

    @Test
    void aPointInTheSeaIsNowhere() throws Exception {
        JsonNode at = call(locate("lat", "0", "lng", "0"), 200);
        for (String part : List.of("district", "street", "community", "grid")) {
            assertThat(at.path(part).isNull() || at.path(part).isMissingNode()).as(part + " in " + at).isTrue();
        }
    }

    // ---- grid import

    private static String square(double x, double y, double s) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + x + "," + y + "],[" + (x + s) + "," + y + "],[" + (x + s) + ","
                + (y + s) + "],[" + x + "," + (y + s) + "],[" + x + "," + y + "]]]}";
    }

    private static String feature(String code, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\",\"name\":\"测试网格" + code.substring(12)
                + "\"},\"geometry\":" + geometry + "}";
    }

    private static String collection(String... features) {
        return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
    }

    private static MockHttpServletRequestBuilder importGrids(String body) {
        return post("/api/territory/grids").contentType(MediaType.APPLICATION_JSON).content(body);
    }

    private JsonNode gridAt(double lng, double lat) throws Exception {
        return call(locate("lat", String.valueOf(lat), "lng", String.valueOf(lng)), 200).path("grid");
    }

    // 城西社区 (浏阳市), drawn east of all demo grids (those lie within 112.78–113.17 / 28.14–28.46).
    private static final String CITY_WEST = "430181001001";

    @Test
    void adminImportsValidGridsWhichLocateThenFinds() throws Exception {
        String a = CITY_WEST + "901", b = CITY_WEST + "902";
        JsonNode result = call(importGrids(collection(feature(a, square(113.90, 27.90, 0.01)),
                feature(b, square(113.91, 27.90, 0.01)))).with(as("admin")), 200); // sharing an edge is fine
        assertThat(result.path("imported").asInt()).isEqualTo(2);
        assertThat(result.path("codes").size()).isEqualTo(2);
        assertThat(gridAt(113.905, 27.905).path("code").asString()).isEqualTo(a);
        assertThat(gridAt(113.915, 27.905).path("code").asString()).isEqualTo(b);
        JsonNode at = call(locate("lat", "27.905", "lng", "113.915"), 200);
        assertThat(at.path("community").path("code").asString()).isEqualTo(CITY_WEST);
        assertThat(at.path("district").path("code").asString()).isEqualTo("430181");
        assertThat(at.path("grid").path("synthetic").asBoolean()).isFalse();
    }

    @Test
    void aFileWithProblemsIsRefusedWholeListingEveryProblem() throws Exception {
        String unclosed = "{\"type\":\"Polygon\",\"coordinates\":[[[113.95,27.95],[113.96,27.95],[113.96,27.96],[113.95,27.96]]]}";
        String body = collection(
                feature(CITY_WEST + "911", unclosed),
                feature("430199999999001", square(113.97, 27.95, 0.01)), // no such community
                feature(CITY_WEST + "911", square(113.99, 27.95, 0.01)), // duplicate code
                feature(CITY_WEST + "912", square(114.01, 27.95, 0.01))); // fine on its own
        JsonNode error = call(importGrids(body).with(as("admin")), 422);
        assertApiError(error, 422);
        List<String> codes = texts(error.path("problems"), "code");
        assertThat(codes).contains(GeoJsonFeatures.RING_NOT_CLOSED, GeoJsonFeatures.UNKNOWN_CODE, GeoJsonFeatures.DUPLICATE_CODE);
        List<Integer> features = new ArrayList<>();
        error.path("problems").forEach(p -> features.add(p.path("featureIndex").asInt()));
        assertThat(features).contains(1, 2, 3);
        for (double lng : new double[] { 113.975, 113.995, 114.015 }) {
            assertThat(gridAt(lng, 27.955).isNull()).as("nothing imported at " + lng).isTrue();
        }
    }

    @Test
    void overlappingGridsAreRefused() throws Exception {
        JsonNode error = call(importGrids(collection(feature(CITY_WEST + "921", square(113.93, 28.00, 0.01)),
                feature(CITY_WEST + "922", square(113.935, 28.005, 0.01)))).with(as("admin")), 422);
        assertThat(texts(error.path("problems"), "code")).contains(GeoJsonFeatures.OVERLAP);
        assertThat(gridAt(113.932, 28.002).isNull()).isTrue();

        // A new grid over an existing demo grid is refused too.
        String[] demo = new String[1];
        double[] p = insideDemoGrid(demo);
        JsonNode overDemo = call(importGrids(collection(feature("430102001001950", square(p[0] - 0.001, p[1] - 0.001, 0.002))))
                .with(as("admin")), 422);
        assertThat(texts(overDemo.path("problems"), "code")).containsExactly(GeoJsonFeatures.OVERLAP);
        assertThat(gridAt(p[0], p[1]).path("code").asString()).isEqualTo(demo[0]);
    }

    @Test
    void onlyAdminsImport() throws Exception {
        String body = collection(feature(CITY_WEST + "931", square(113.90, 28.05, 0.01)));
        assertApiError(call(importGrids(body).with(as("dispatcher")), 403), 403);
        assertApiError(call(post("/api/territory/boundaries").contentType(MediaType.APPLICATION_JSON).content(body)
                .with(as("leader")), 403), 403);
        assertThat(gridAt(113.905, 28.055).isNull()).isTrue();
    }

    /** An API client without credentials is told to authenticate (401), not refused for a missing CSRF token. */
    @Test
    void anonymousImportIs401() throws Exception {
        String body = collection(feature(CITY_WEST + "932", square(113.90, 28.07, 0.01)));
        assertApiError(call(get("/api/territory/locate").param("lat", "28.2").param("lng", "112.98"), 401), 401);
        assertApiError(call(importGrids(body), 401), 401);
    }

    @Test
    void importsTheRealDistrictBoundariesFromGcj02() throws Exception {
        Path file = Path.of("../shared/data/geo/changsha-districts-gcj02.geojson");
        Assumptions.assumeTrue(Files.exists(file), file + " absent");
        JsonNode result = call(post("/api/territory/boundaries").param("crs", "gcj02").contentType("application/geo+json")
                .content(Files.readString(file)).with(as("admin")), 200);
        assertThat(result.path("imported").asInt()).isEqualTo(9);
        // 浏阳市's centroid (GCJ-02, as the file gives it) lies in no demo grid: the district boundary answers.
        JsonNode at = call(locate("lat", "28.228483", "lng", "113.715506", "crs", "gcj02"), 200);
        assertThat(at.path("district").path("code").asString()).isEqualTo("430181");
        assertThat(at.path("street").isNull()).isTrue();
        assertThat(at.path("grid").isNull()).isTrue();
        assertThat(call(locate("lat", "0", "lng", "0"), 200).path("district").isNull()).isTrue();
    }
}

package org.hemei.territory.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.hemei.territory.geo.GeoJsonFeatures.Feature;
import org.hemei.territory.geo.GeoJsonFeatures.ParseResult;
import org.hemei.territory.geo.GeoJsonFeatures.Problem;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class GeoJsonFeaturesTest {

    private static final Set<String> KNOWN = Set.of("430102", "430103", "G-1", "G-2", "G-3", "G-4", "G-5", "G-6", "G-7", "G-8");

    private static String fc(String crsMember, String... features) {
        return "{\"type\":\"FeatureCollection\"," + (crsMember == null ? "" : "\"crs\":" + crsMember + ",")
                + "\"features\":[" + String.join(",", features) + "]}";
    }

    private static String feature(String props, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":" + props + ",\"geometry\":" + geometry + "}";
    }

    private static String square(double x, double y, double s) {
        return "{\"type\":\"Polygon\",\"coordinates\":[[[" + x + "," + y + "],[" + (x + s) + "," + y + "],["
                + (x + s) + "," + (y + s) + "],[" + x + "," + (y + s) + "],[" + x + "," + y + "]]]}";
    }

    private static ParseResult parse(String json) {
        return GeoJsonFeatures.parse(json, null, KNOWN::contains);
    }

    private static List<String> codes(List<Problem> problems) {
        return problems.stream().map(Problem::code).collect(Collectors.toList());
    }

    @Test
    void acceptsPolygonsAndMultiPolygonsWithStringOrNumericCodes() {
        String multi = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[113.0,28.0],[113.01,28.0],[113.01,28.01],[113.0,28.0]]],"
                + "[[[113.02,28.0],[113.03,28.0],[113.03,28.01],[113.02,28.0]]]]}";
        ParseResult r = parse(fc(null,
                feature("{\"adcode\":430102,\"name\":\"芙蓉区\"}", square(112.9, 28.1, 0.01)),
                feature("{\"code\":\" G-1 \"}", multi)));
        assertEquals(List.of(), r.problems());
        assertTrue(r.ok());
        assertEquals(2, r.features().size());
        Feature a = r.features().get(0);
        assertEquals(1, a.index());
        assertEquals("430102", a.code());
        assertEquals("芙蓉区", a.name());
        assertEquals(4326, a.wgs84Geometry().getSRID());
        assertEquals(112.9, a.wgs84Geometry().getCoordinates()[0].x, 0, "WGS84 in, WGS84 out");
        Feature b = r.features().get(1);
        assertEquals("G-1", b.code());
        assertNull(b.name());
        assertEquals("MultiPolygon", b.wgs84Geometry().getGeometryType());
        assertTrue(a.wgs84Geometry().getFactory() == b.wgs84Geometry().getFactory());
    }

    @Test
    void convertsFromTheFileCrsOrTheOverride() {
        String f = feature("{\"code\":\"G-1\"}", square(112.98, 28.19, 0.01));
        double[] expected = CoordinateSystem.GCJ02.toWgs84(112.98, 28.19);
        for (String crs : new String[] {"\"gcj02\"", "{\"type\":\"name\",\"properties\":{\"name\":\"GCJ02\"}}"}) {
            Geometry g = parse(fc(crs, f)).features().get(0).wgs84Geometry();
            assertEquals(expected[0], g.getCoordinates()[0].x, 1e-12, crs);
            assertEquals(expected[1], g.getCoordinates()[0].y, 1e-12, crs);
        }
        // The override wins over the file's own member.
        Geometry g = GeoJsonFeatures.parse(fc("\"gcj02\"", f), CoordinateSystem.BD09, KNOWN::contains)
                .features().get(0).wgs84Geometry();
        assertEquals(CoordinateSystem.BD09.toWgs84(112.98, 28.19)[0], g.getCoordinates()[0].x, 1e-12);
        // Unknown crs names are reported.
        ParseResult bad = parse(fc("\"EPSG:3857\"", f));
        assertEquals(List.of("unknown_crs"), codes(bad.problems()));
        assertTrue(bad.problems().get(0).message().contains("use wgs84, gcj02 or bd09"));
    }

    @Test
    void collectsEveryProblemAndReturnsNothing() {
        String unclosed = "{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[113.1,28],[113.1,28.1],[113,28.1]]]}";
        String tooShort = "{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[113.1,28],[113,28]]]}";
        String bowtie = "{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[113.1,28.1],[113.1,28],[113,28.1],[113,28]]]}";
        String metres = "{\"type\":\"Polygon\",\"coordinates\":[[[12577000,3270000],[12578000,3270000],[12578000,3271000],[12577000,3270000]]]}";
        String text = "{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[\"113.1\",28],[113.1,28.1],[113,28]]]}";
        ParseResult r = parse(fc(null,
                feature("{\"code\":\"G-1\"}", unclosed),                          // 1
                feature("{\"code\":\"G-2\"}", tooShort),                          // 2
                feature("{\"code\":\"G-3\"}", bowtie),                            // 3
                feature("{\"code\":\"G-4\"}", metres),                            // 4
                feature("{\"code\":\"G-5\"}", text),                              // 5
                feature("{\"name\":\"无编码\"}", square(113, 28, 0.01)),           // 6
                feature("{\"code\":\"NOPE\"}", square(113, 28, 0.01)),            // 7
                feature("{\"code\":\"G-1\"}", square(113, 28, 0.01)),             // 8
                feature("{\"code\":\"G-6\"}", "{\"type\":\"Point\",\"coordinates\":[113,28]}"), // 9
                feature("{\"code\":\"G-7\"}", "null"),                            // 10
                "{\"type\":\"Other\"}"));                                          // 11
        assertTrue(r.features().isEmpty(), "all or nothing");
        List<String> expected = List.of("1:ring_not_closed", "2:ring_too_short", "3:invalid_polygon",
                "4:coordinate_out_of_range", "5:non_numeric_coordinate", "6:missing_code", "7:unknown_code",
                "8:duplicate_code", "9:geometry_type", "10:missing_geometry", "11:not_feature");
        assertEquals(expected, r.problems().stream().map(p -> p.featureIndex() + ":" + p.code()).collect(Collectors.toList()));
        assertEquals("第1个要素：多边形外环未闭合：首点 (113.000000, 28.000000) 与末点 (113.000000, 28.100000) 不同"
                + " / feature 1: outer ring is not closed: first position (113.000000, 28.000000) differs from last (113.000000, 28.100000)",
                r.problems().get(0).message());
        assertTrue(r.problems().get(2).message().contains("自相交") && r.problems().get(2).message().contains("Self-intersection"),
                r.problems().get(2).message());
        assertTrue(r.problems().get(3).message().contains("投影坐标"), r.problems().get(3).message());
        assertTrue(r.problems().get(3).message().contains("(4 positions in this ring)"), r.problems().get(3).message());
        assertTrue(r.problems().get(7).message().contains("第1个要素重复"));
    }

    @Test
    void fileLevelProblems() {
        assertEquals(List.of("invalid_json"), codes(parse("{\"type\":").problems()));
        assertEquals(List.of("invalid_json"), codes(parse("").problems()));
        assertEquals(List.of("not_feature_collection"), codes(parse("[1,2]").problems()));
        Problem single = parse(feature("{\"code\":\"G-1\"}", square(113, 28, 0.01))).problems().get(0);
        assertEquals(0, single.featureIndex());
        assertTrue(single.message().contains("FeatureCollection"));
        assertEquals(List.of("no_features"), codes(parse(fc(null)).problems()));
    }

    @Test
    void invalidHoleAndMultiPolygonRingLabels() {
        String holeOutside = "{\"type\":\"Polygon\",\"coordinates\":[[[113,28],[113.1,28],[113.1,28.1],[113,28.1],[113,28]],"
                + "[[114,29],[114.1,29],[114.1,29.1],[114,29]]]}";
        String multiUnclosed = "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[113,28],[113.1,28],[113.1,28.1],[113,28]]],"
                + "[[[114,29],[114.1,29],[114.1,29.1],[114,29.1]]]]}";
        ParseResult r = parse(fc(null, feature("{\"code\":\"G-1\"}", holeOutside), feature("{\"code\":\"G-2\"}", multiUnclosed)));
        assertEquals(List.of("invalid_polygon", "ring_not_closed"), codes(r.problems()));
        assertTrue(r.problems().get(0).message().contains("内环（洞）在外环之外"));
        assertTrue(r.problems().get(1).message().contains("第2个多边形的外环"), r.problems().get(1).message());
        assertTrue(r.problems().get(1).message().contains("polygon 2 outer ring"));
    }

    @Test
    void overlapsWithinTheFileAndWithExistingGrids() {
        ParseResult r = parse(fc(null,
                feature("{\"code\":\"G-1\"}", square(113.00, 28.0, 0.01)),
                feature("{\"code\":\"G-2\"}", square(113.01, 28.0, 0.01)),        // shares an edge with G-1: fine
                feature("{\"code\":\"G-3\"}", square(113.015, 28.0, 0.01)),       // overlaps G-2
                feature("{\"code\":\"G-4\"}", square(113.025 - 1e-6, 28.0, 0.01)))); // 1e-6°-wide strip over G-3 (1e-8 deg², ~100 m²): reported
        assertTrue(r.ok(), r.problems().toString());
        Geometry existingG5 = GeoJsonFeatures.fromWkt("POLYGON ((113.0 27.995, 113.01 27.995, 113.01 28.005, 113.0 28.005, 113.0 27.995))");
        Geometry sliver = GeoJsonFeatures.fromWkt("POLYGON ((113.0 27.99, 113.01 27.99, 113.01 28.0000000001, 113.0 28.0000000001, 113.0 27.99))");
        List<Feature> existing = List.of(
                new Feature(0, "G-1", null, existingG5),   // replaced by the file: ignored
                new Feature(0, "G-5", null, existingG5),   // overlaps G-1
                new Feature(0, "G-6", null, sliver));      // 1e-12 deg² sliver under G-1: ignored
        List<Problem> problems = GeoJsonFeatures.overlaps(r.features(), existing);
        List<String> got = problems.stream().map(p -> p.featureIndex() + ":" + p.message().substring(p.message().indexOf(" / ") + 3))
                .collect(Collectors.toList());
        assertEquals(3, problems.size(), got.toString());
        assertTrue(got.get(0).startsWith("1:feature 1: code G-1 overlaps existing grid G-5 by about "), got.get(0));
        assertTrue(got.get(1).startsWith("2:feature 2: code G-2 overlaps feature 3 (code G-3)"), got.get(1));
        assertTrue(got.get(2).startsWith("3:feature 3: code G-3 overlaps feature 4 (code G-4)"), got.get(2));
        assertTrue(problems.get(0).message().startsWith("第1个要素：编码 G-1 与已有网格（编码 G-5）重叠约 "), problems.get(0).message());
    }

    @Test
    void overlapCheckFindsOverlapsAmongTenThousandGrids() {
        List<SpatialIndex.Entry> grids = SyntheticGrids.tessellate(new Envelope(111.9, 114.3, 27.8, 28.7), 125, 80, 3);
        List<Feature> file = new ArrayList<>();
        for (SpatialIndex.Entry g : grids) file.add(new Feature(file.size() + 1, g.code(), null, g.wgs84Polygon()));
        // One existing grid lying across four new ones.
        Geometry big = GeoJsonFeatures.GEOMETRY_FACTORY.toGeometry(new Envelope(113.0, 113.02, 28.2, 28.21));
        List<Problem> problems = GeoJsonFeatures.overlaps(file, List.of(new Feature(0, "OLD", null, big)));
        assertTrue(problems.size() >= 2 && problems.stream().allMatch(p -> p.message().contains("OLD")), problems.toString());
    }

    @Test
    void geoJsonAndWktRoundTrip() {
        Geometry g = GeoJsonFeatures.fromWkt("MULTIPOLYGON (((113 28, 113.5 28, 113.5 28.5, 113 28)), ((114 29, 114.5 29, 114.5 29.25, 114 29)))");
        assertEquals(4326, g.getSRID());
        assertEquals("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[113,28],[113.5,28],[113.5,28.5],[113,28]]],"
                + "[[[114,29],[114.5,29],[114.5,29.25],[114,29]]]]}", GeoJsonFeatures.toGeoJson(g));
        assertEquals(g, GeoJsonFeatures.fromWkt(GeoJsonFeatures.toWkt(g)));
        String json = fc(null, feature("{\"code\":\"G-1\"}", GeoJsonFeatures.toGeoJson(g)));
        assertTrue(parse(json).features().get(0).wgs84Geometry().equalsExact(g));
        assertEquals("{\"type\":\"Point\",\"coordinates\":[113.25,28]}",
                GeoJsonFeatures.toGeoJson(GeoJsonFeatures.fromWkt("POINT (113.25 28)")));
    }
}

package org.hemei.territory.geo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.io.WKTWriter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.relateng.RelateNG;
import org.locationtech.jts.operation.relateng.RelatePredicate;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads grid/division boundaries from a GeoJSON FeatureCollection, all-or-nothing: every problem in
 * the file is collected (so the person uploading can fix them in one go) and no feature is returned
 * unless there are none. Feature indexes are 1-based as people count them; 0 means the whole file.
 * Messages are Chinese, then English.
 */
public final class GeoJsonFeatures {

    /** The one factory for stored geometries: WGS84 lng/lat, floating precision. */
    public static final GeometryFactory GEOMETRY_FACTORY = new GeometryFactory(new PrecisionModel(), 4326);

    /** Overlaps smaller than this (deg², about 1 m² here) are digitising slivers, not errors. */
    public static final double OVERLAP_TOLERANCE = 1e-10;

    // Problem codes, stable for callers and tests.
    public static final String INVALID_JSON = "invalid_json";
    public static final String NOT_FEATURE_COLLECTION = "not_feature_collection";
    public static final String UNKNOWN_CRS = "unknown_crs";
    public static final String NO_FEATURES = "no_features";
    public static final String NOT_FEATURE = "not_feature";
    public static final String MISSING_GEOMETRY = "missing_geometry";
    public static final String GEOMETRY_TYPE = "geometry_type";
    public static final String BAD_COORDINATES = "bad_coordinates";
    public static final String NON_NUMERIC_COORDINATE = "non_numeric_coordinate";
    public static final String COORDINATE_OUT_OF_RANGE = "coordinate_out_of_range";
    public static final String RING_TOO_SHORT = "ring_too_short";
    public static final String RING_NOT_CLOSED = "ring_not_closed";
    public static final String INVALID_POLYGON = "invalid_polygon";
    public static final String MISSING_CODE = "missing_code";
    public static final String UNKNOWN_CODE = "unknown_code";
    public static final String DUPLICATE_CODE = "duplicate_code";
    public static final String OVERLAP = "overlap";

    /** One accepted grid; {@code index} is its 1-based position in the file. */
    public record Feature(int index, String code, String name, Geometry wgs84Geometry) {
    }

    /** {@code featureIndex} is 1-based; 0 for problems with the file as a whole. */
    public record Problem(int featureIndex, String code, String message) {
    }

    /** {@code features} is empty whenever {@code problems} is not. */
    public record ParseResult(List<Feature> features, List<Problem> problems) {
        public ParseResult {
            features = List.copyOf(features);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GeoJsonFeatures() {
    }

    /**
     * @param overrideOrNull crs chosen by the uploader; when null the file's top-level "crs" decides, else WGS84
     * @param knownCode      whether a code names an existing division/grid (null accepts every code)
     */
    public static ParseResult parse(String json, CoordinateSystem overrideOrNull, Function<String, Boolean> knownCode) {
        List<Problem> problems = new ArrayList<>();
        if (json == null || json.isBlank()) {
            fileProblem(problems, INVALID_JSON, "文件为空", "the file is empty");
            return new ParseResult(List.of(), problems);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : "（第" + loc.getLineNr() + "行第" + loc.getColumnNr() + "列）";
            String whereEn = loc == null ? "" : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
            fileProblem(problems, INVALID_JSON, "不是有效的 JSON" + where, "not valid JSON" + whereEn + ": " + e.getOriginalMessage());
            return new ParseResult(List.of(), problems);
        }
        if (root == null || !root.isObject() || !"FeatureCollection".equals(text(root.get("type")))) {
            String type = root != null && root.isObject() ? text(root.get("type")) : null;
            String hint = "Feature".equals(type) ? "（这是单个 Feature，请放入 FeatureCollection）" : "";
            String hintEn = "Feature".equals(type) ? " (this is a single Feature: wrap it in a FeatureCollection)" : "";
            fileProblem(problems, NOT_FEATURE_COLLECTION, "文件不是 GeoJSON FeatureCollection" + hint,
                    "the file is not a GeoJSON FeatureCollection" + hintEn);
            return new ParseResult(List.of(), problems);
        }

        CoordinateSystem crs = overrideOrNull != null ? overrideOrNull : fileCrs(root.get("crs"), problems);
        JsonNode features = root.get("features");
        if (features == null || !features.isArray()) {
            fileProblem(problems, NOT_FEATURE_COLLECTION, "缺少 features 数组", "the \"features\" array is missing");
            return new ParseResult(List.of(), problems);
        }
        if (features.isEmpty()) {
            fileProblem(problems, NO_FEATURES, "文件中没有要素", "the file contains no features");
        }

        List<Feature> out = new ArrayList<>();
        Map<String, Integer> firstByCode = new HashMap<>();
        for (int i = 0; i < features.size(); i++) {
            int n = i + 1;
            JsonNode f = features.get(i);
            if (f == null || !f.isObject() || !"Feature".equals(text(f.get("type")))) {
                problem(problems, n, NOT_FEATURE, "不是 Feature 对象", "is not a Feature object");
                continue;
            }
            JsonNode props = f.get("properties");
            String code = codeOf(props);
            String name = props != null && props.isObject() ? trimToNull(text(props.get("name"))) : null;
            if (code == null) {
                problem(problems, n, MISSING_CODE, "properties 中缺少 code 或 adcode（网格/区划编码）",
                        "properties has no \"code\" or \"adcode\" naming the grid/division");
            } else {
                Integer first = firstByCode.putIfAbsent(code, n);
                if (first != null) {
                    problem(problems, n, DUPLICATE_CODE, "编码 " + code + " 与第" + first + "个要素重复",
                            "code " + code + " is already used by feature " + first);
                } else if (knownCode != null && !Boolean.TRUE.equals(knownCode.apply(code))) {
                    problem(problems, n, UNKNOWN_CODE, "编码 " + code + " 不是已登记的区划或网格",
                            "code " + code + " is not a registered division or grid");
                }
            }
            Geometry g = readGeometry(f.get("geometry"), n, problems);
            if (g != null) {
                TopologyValidationError err = new IsValidOp(g).getValidationError();
                if (err != null) {
                    problem(problems, n, INVALID_POLYGON,
                            "多边形无效：" + reasonZh(err.getErrorType()) + "，位置 " + fmt(err.getCoordinate()),
                            "invalid polygon: " + err.getMessage() + " at " + fmt(err.getCoordinate()));
                } else if (code != null) {
                    out.add(new Feature(n, code, name, crs.toWgs84(g)));
                }
            }
        }
        return problems.isEmpty() ? new ParseResult(out, List.of()) : new ParseResult(List.of(), problems);
    }

    private static CoordinateSystem fileCrs(JsonNode crs, List<Problem> problems) {
        if (crs == null || crs.isNull()) {
            return CoordinateSystem.WGS84;
        }
        String name = crs.isString() ? crs.stringValue()
                : crs.isObject() && crs.get("properties") != null ? text(crs.get("properties").get("name")) : null;
        try {
            if (name == null) {
                throw new IllegalArgumentException("unreadable crs member " + crs);
            }
            return CoordinateSystem.parse(name);
        } catch (IllegalArgumentException e) {
            fileProblem(problems, UNKNOWN_CRS, "无法识别坐标系 " + (name == null ? crs : "\"" + name + "\"")
                    + "：请使用 wgs84、gcj02 或 bd09", e.getMessage());
            return CoordinateSystem.WGS84; // keep checking the rest of the file
        }
    }

    private static String codeOf(JsonNode props) {
        if (props == null || !props.isObject()) {
            return null;
        }
        for (String key : new String[] {"code", "adcode"}) {
            JsonNode v = props.get(key);
            if (v == null) continue;
            if (v.isString()) {
                String s = trimToNull(v.stringValue());
                if (s != null) return s;
            } else if (v.isIntegralNumber()) {
                return v.numberValue().toString(); // 430102, not 430102.0
            } else if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue())) {
                return Long.toString((long) v.doubleValue());
            }
        }
        return null;
    }

    /** Checks raw JSON coordinates (closure etc. must be seen before JTS normalises anything). */
    private static Geometry readGeometry(JsonNode geom, int n, List<Problem> problems) {
        if (geom == null || geom.isNull()) {
            problem(problems, n, MISSING_GEOMETRY, "缺少 geometry", "has no geometry");
            return null;
        }
        String type = geom.isObject() ? text(geom.get("type")) : null;
        if (!"Polygon".equals(type) && !"MultiPolygon".equals(type)) {
            problem(problems, n, GEOMETRY_TYPE, "几何类型为 " + type + "，须为 Polygon 或 MultiPolygon",
                    "geometry type is " + type + ", must be Polygon or MultiPolygon");
            return null;
        }
        JsonNode coords = geom.get("coordinates");
        boolean multi = "MultiPolygon".equals(type);
        if (coords == null || !coords.isArray() || coords.isEmpty()) {
            problem(problems, n, BAD_COORDINATES, "coordinates 缺失或为空", "coordinates are missing or empty");
            return null;
        }
        int before = problems.size();
        List<Polygon> polygons = new ArrayList<>();
        for (int p = 0; p < (multi ? coords.size() : 1); p++) {
            JsonNode rings = multi ? coords.get(p) : coords;
            String zhP = multi ? "第" + (p + 1) + "个多边形的" : "";
            String enP = multi ? "polygon " + (p + 1) + " " : "";
            if (!rings.isArray() || rings.isEmpty()) {
                problem(problems, n, BAD_COORDINATES, zhP + "坐标不是环的数组", enP + "coordinates are not an array of rings");
                continue;
            }
            LinearRing[] rs = new LinearRing[rings.size()];
            for (int r = 0; r < rings.size(); r++) {
                String zh = zhP + (r == 0 ? "外环" : "第" + r + "个内环");
                String en = enP + (r == 0 ? "outer ring" : "inner ring " + r);
                Coordinate[] c = readRing(rings.get(r), n, zh, en, problems);
                rs[r] = c == null ? null : GEOMETRY_FACTORY.createLinearRing(c);
            }
            if (problems.size() == before) {
                LinearRing[] holes = new LinearRing[rs.length - 1];
                System.arraycopy(rs, 1, holes, 0, holes.length);
                polygons.add(GEOMETRY_FACTORY.createPolygon(rs[0], holes));
            }
        }
        if (problems.size() != before) {
            return null;
        }
        return multi ? GEOMETRY_FACTORY.createMultiPolygon(polygons.toArray(new Polygon[0])) : polygons.get(0);
    }

    private static Coordinate[] readRing(JsonNode ring, int n, String zh, String en, List<Problem> problems) {
        if (ring == null || !ring.isArray()) {
            problem(problems, n, BAD_COORDINATES, zh + "不是坐标数组", en + " is not an array of positions");
            return null;
        }
        int before = problems.size();
        Coordinate[] out = new Coordinate[ring.size()];
        int badCount = 0, rangeCount = 0, firstBad = -1, firstRange = -1;
        for (int i = 0; i < ring.size(); i++) {
            JsonNode pos = ring.get(i);
            if (pos == null || !pos.isArray() || pos.size() < 2 || !pos.get(0).isNumber() || !pos.get(1).isNumber()
                    || !Double.isFinite(pos.get(0).doubleValue()) || !Double.isFinite(pos.get(1).doubleValue())) {
                if (badCount++ == 0) firstBad = i;
                continue;
            }
            double x = pos.get(0).doubleValue(), y = pos.get(1).doubleValue();
            if (Math.abs(x) > 180 || Math.abs(y) > 90) {
                if (rangeCount++ == 0) firstRange = i;
            }
            out[i] = new Coordinate(x, y);
        }
        if (badCount > 0) {
            problem(problems, n, NON_NUMERIC_COORDINATE,
                    zh + "第" + (firstBad + 1) + "个点不是 [经度, 纬度] 数字对：" + ring.get(firstBad) + more(badCount, true),
                    en + " position " + (firstBad + 1) + " is not a numeric [lng, lat] pair: " + ring.get(firstBad) + more(badCount, false));
        }
        if (rangeCount > 0) {
            Coordinate c = out[firstRange];
            boolean metres = Math.abs(c.x) > 1000 || Math.abs(c.y) > 1000;
            boolean swapped = !metres && Math.abs(c.y) <= 180 && Math.abs(c.x) <= 90;
            problem(problems, n, COORDINATE_OUT_OF_RANGE,
                    zh + "第" + (firstRange + 1) + "个点 " + fmt(c) + " 超出经纬度范围" + more(rangeCount, true)
                            + (metres ? "；看起来是投影坐标（米），请导出为经纬度" : swapped ? "；经纬度顺序可能颠倒，GeoJSON 要求 [经度, 纬度]" : ""),
                    en + " position " + (firstRange + 1) + " " + fmt(c) + " is outside lng ±180 / lat ±90" + more(rangeCount, false)
                            + (metres ? "; looks like projected metres, export as longitude/latitude" : swapped ? "; lng/lat may be swapped, GeoJSON wants [lng, lat]" : ""));
        }
        if (ring.size() < 4) {
            problem(problems, n, RING_TOO_SHORT, zh + "只有 " + ring.size() + " 个点，至少需要 4 个（首尾相同）",
                    en + " has " + ring.size() + " positions, at least 4 are needed (first = last)");
        }
        Coordinate first = ring.size() > 0 ? out[0] : null, last = ring.size() > 0 ? out[ring.size() - 1] : null;
        if (first != null && last != null && !first.equals2D(last)) {
            problem(problems, n, RING_NOT_CLOSED, "多边形" + zh + "未闭合：首点 " + fmt(first) + " 与末点 " + fmt(last) + " 不同",
                    en + " is not closed: first position " + fmt(first) + " differs from last " + fmt(last));
        }
        return problems.size() == before ? out : null;
    }

    private static String more(int count, boolean zh) {
        if (count <= 1) return "";
        return zh ? "（该环共 " + count + " 个点有此问题）" : " (" + count + " positions in this ring)";
    }

    /**
     * Every pair of grids whose interiors overlap by more than {@link #OVERLAP_TOLERANCE}: within the
     * file, and between the file and {@code existing} (existing grids whose code the file replaces are
     * skipped). Candidate pairs come from an STRtree and are screened with a prepared relate before the
     * (expensive) intersection area is computed, so shared edges cost little.
     */
    public static List<Problem> overlaps(List<Feature> features, List<Feature> existing) {
        Set<String> replaced = new HashSet<>();
        for (Feature f : features) replaced.add(f.code());
        List<Feature> all = new ArrayList<>(features);
        for (Feature e : existing) {
            if (!replaced.contains(e.code())) all.add(e);
        }
        STRtree tree = new STRtree();
        for (int k = 0; k < all.size(); k++) {
            tree.insert(all.get(k).wgs84Geometry().getEnvelopeInternal(), k);
        }
        tree.build();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < features.size(); i++) {
            Geometry gi = features.get(i).wgs84Geometry();
            Envelope ei = gi.getEnvelopeInternal();
            @SuppressWarnings("unchecked")
            List<Integer> candidates = tree.query(ei);
            candidates.sort(Comparator.naturalOrder());
            RelateNG prepared = null;
            for (int j : candidates) {
                if (j <= i) continue; // each pair once; file features come first in `all`
                Geometry gj = all.get(j).wgs84Geometry();
                Envelope both = ei.intersection(gj.getEnvelopeInternal());
                if (both.getArea() <= OVERLAP_TOLERANCE) continue; // cannot overlap by more than the boxes do
                if (prepared == null) prepared = RelateNG.prepare(gi);
                // Interiors must meet: grids that only share edges are skipped without an overlay.
                // (TopologyPredicate objects are stateful, so a fresh one per pair.)
                if (!prepared.evaluate(gj, RelatePredicate.matches("T********"))) continue;
                Geometry x = OverlayNGRobust.overlay(gi, gj, OverlayNG.INTERSECTION);
                if (x.getArea() <= OVERLAP_TOLERANCE) continue;
                Point at = x.getInteriorPoint();
                long m2 = Math.round(x.getArea() * 111_319.49 * 111_319.49 * Math.cos(Math.toRadians(at.getY())));
                Feature a = features.get(i), b = all.get(j);
                boolean inFile = j < features.size();
                String whoZh = inFile ? "第" + b.index() + "个要素（编码 " + b.code() + "）" : "已有网格（编码 " + b.code() + "）";
                String whoEn = inFile ? "feature " + b.index() + " (code " + b.code() + ")" : "existing grid " + b.code();
                problem(problems, a.index(), OVERLAP,
                        "编码 " + a.code() + " 与" + whoZh + "重叠约 " + m2 + " 平方米，位于 " + fmt(at.getCoordinate()) + " 附近",
                        "code " + a.code() + " overlaps " + whoEn + " by about " + m2 + " m² near " + fmt(at.getCoordinate()));
            }
        }
        return problems;
    }

    /** A GeoJSON geometry object, e.g. {"type":"Polygon","coordinates":[[[112.9,28.2],...]]}. */
    public static String toGeoJson(Geometry g) {
        StringBuilder sb = new StringBuilder(32 + g.getNumPoints() * 40);
        writeGeometry(sb, g);
        return sb.toString();
    }

    private static void writeGeometry(StringBuilder sb, Geometry g) {
        String type = g.getGeometryType();
        sb.append("{\"type\":\"").append(type).append('"');
        if (g instanceof GeometryCollection && !isMulti(g)) {
            sb.append(",\"geometries\":[");
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) sb.append(',');
                writeGeometry(sb, g.getGeometryN(i));
            }
            sb.append("]}");
            return;
        }
        sb.append(",\"coordinates\":");
        writeCoordinates(sb, g);
        sb.append('}');
    }

    private static boolean isMulti(Geometry g) {
        String t = g.getGeometryType();
        return t.equals("MultiPoint") || t.equals("MultiLineString") || t.equals("MultiPolygon");
    }

    private static void writeCoordinates(StringBuilder sb, Geometry g) {
        if (g instanceof Point p) {
            if (p.isEmpty()) sb.append("[]"); else position(sb, p.getCoordinate());
        } else if (g instanceof LineString l) {
            sb.append('[');
            for (int i = 0; i < l.getNumPoints(); i++) {
                if (i > 0) sb.append(',');
                position(sb, l.getCoordinateN(i));
            }
            sb.append(']');
        } else if (g instanceof Polygon p) {
            sb.append('[');
            if (!p.isEmpty()) {
                writeCoordinates(sb, p.getExteriorRing());
                for (int i = 0; i < p.getNumInteriorRing(); i++) {
                    sb.append(',');
                    writeCoordinates(sb, p.getInteriorRingN(i));
                }
            }
            sb.append(']');
        } else { // Multi*
            sb.append('[');
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (i > 0) sb.append(',');
                writeCoordinates(sb, g.getGeometryN(i));
            }
            sb.append(']');
        }
    }

    private static void position(StringBuilder sb, Coordinate c) {
        sb.append('[').append(num(c.x)).append(',').append(num(c.y)).append(']');
    }

    private static String num(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Reads stored WKT into the shared WGS84 factory. */
    public static Geometry fromWkt(String wkt) {
        try {
            return new WKTReader(GEOMETRY_FACTORY).read(wkt);
        } catch (ParseException e) {
            throw new IllegalArgumentException("invalid WKT: " + e.getMessage(), e);
        }
    }

    public static String toWkt(Geometry g) {
        return new WKTWriter().write(g);
    }

    private static String reasonZh(int type) {
        switch (type) {
            case TopologyValidationError.REPEATED_POINT: return "存在重复点";
            case TopologyValidationError.HOLE_OUTSIDE_SHELL: return "内环（洞）在外环之外";
            case TopologyValidationError.NESTED_HOLES: return "内环相互嵌套";
            case TopologyValidationError.DISCONNECTED_INTERIOR: return "内部不连通";
            case TopologyValidationError.SELF_INTERSECTION: return "边界自相交";
            case TopologyValidationError.RING_SELF_INTERSECTION: return "环自相交";
            case TopologyValidationError.NESTED_SHELLS: return "多个外环相互嵌套或重叠";
            case TopologyValidationError.DUPLICATE_RINGS: return "存在重复的环";
            case TopologyValidationError.TOO_FEW_POINTS: return "点数过少";
            case TopologyValidationError.INVALID_COORDINATE: return "坐标无效";
            case TopologyValidationError.RING_NOT_CLOSED: return "环未闭合";
            default: return "拓扑错误";
        }
    }

    private static String fmt(Coordinate c) {
        return c == null ? "(?)" : String.format(Locale.ROOT, "(%.6f, %.6f)", c.x, c.y);
    }

    private static String text(JsonNode n) {
        return n != null && n.isString() ? n.stringValue() : null;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static void fileProblem(List<Problem> problems, String code, String zh, String en) {
        problems.add(new Problem(0, code, zh + " / " + en));
    }

    private static void problem(List<Problem> problems, int n, String code, String zh, String en) {
        problems.add(new Problem(n, code, "第" + n + "个要素：" + zh + " / feature " + n + ": " + en));
    }
}

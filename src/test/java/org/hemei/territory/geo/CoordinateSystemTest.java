package org.hemei.territory.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

class CoordinateSystemTest {

    private static void near(double[] expected, double[] actual, double tol) {
        assertEquals(expected[0], actual[0], tol, "lng");
        assertEquals(expected[1], actual[1], tol, "lat");
    }

    @Test
    void parsesNamesAndAliases() {
        assertSame(CoordinateSystem.WGS84, CoordinateSystem.parse(null));
        assertSame(CoordinateSystem.WGS84, CoordinateSystem.parse("  "));
        for (String s : new String[] {"wgs84", "WGS84", "EPSG:4326", "urn:ogc:def:crs:OGC:1.3:CRS84", "CRS84", "wgs-84"}) {
            assertSame(CoordinateSystem.WGS84, CoordinateSystem.parse(s), s);
        }
        assertSame(CoordinateSystem.GCJ02, CoordinateSystem.parse("GCJ02"));
        assertSame(CoordinateSystem.BD09, CoordinateSystem.parse("bd09"));
        var e = assertThrows(IllegalArgumentException.class, () -> CoordinateSystem.parse("xyz"));
        assertEquals("unknown crs \"xyz\": use wgs84, gcj02 or bd09", e.getMessage());
    }

    @Test
    void knownReferencePoints() {
        // Tiananmen reference pair used by the common open-source implementations.
        near(new double[] {116.410244, 39.916404}, CoordinateSystem.GCJ02.fromWgs84(116.404, 39.915), 1e-5);
        near(new double[] {116.410369, 39.921337}, CoordinateSystem.gcjToBd(116.404, 39.915), 1e-5);
        // Changsha, Wuyi Square area.
        near(new double[] {112.987856, 28.190686}, CoordinateSystem.GCJ02.fromWgs84(112.982279, 28.19409), 1e-5);
        near(new double[] {112.994424, 28.196373}, CoordinateSystem.BD09.fromWgs84(112.982279, 28.19409), 1e-5);
        // No offset outside China.
        near(new double[] {2.35, 48.85}, CoordinateSystem.GCJ02.fromWgs84(2.35, 48.85), 0);
    }

    @Test
    void inversesArePreciseAcrossChangsha() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            double lng = 111.9 + rnd.nextDouble() * 2.4, lat = 27.8 + rnd.nextDouble() * 0.9;
            for (CoordinateSystem crs : CoordinateSystem.values()) {
                double[] there = crs.fromWgs84(lng, lat);
                near(new double[] {lng, lat}, crs.toWgs84(there[0], there[1]), 1e-8);
            }
        }
    }

    @Test
    void convertsEveryCoordinateOfAGeometryIntoACopy() {
        Polygon gcj = GeoJsonFeatures.GEOMETRY_FACTORY.createPolygon(new Coordinate[] {
                new Coordinate(112.98, 28.19), new Coordinate(112.99, 28.19), new Coordinate(112.99, 28.20),
                new Coordinate(112.98, 28.19)});
        Geometry wgs = CoordinateSystem.GCJ02.toWgs84(gcj);
        assertEquals(112.98, gcj.getCoordinates()[0].x, 0, "input untouched");
        for (int i = 0; i < 4; i++) {
            Coordinate g = gcj.getCoordinates()[i], w = wgs.getCoordinates()[i];
            near(CoordinateSystem.gcjToWgs(g.x, g.y), new double[] {w.x, w.y}, 0);
        }
        assertEquals(4326, wgs.getSRID());
        assertTrue(wgs.isValid());
        assertSame(gcj, CoordinateSystem.WGS84.toWgs84(gcj));
    }
}

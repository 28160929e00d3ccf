package org.hemei.territory.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;

class SpatialIndexTest {

    private static final GeometryFactory GF = GeoJsonFeatures.GEOMETRY_FACTORY;

    private static SpatialIndex.Entry e(String code, String wkt) {
        return new SpatialIndex.Entry(code, GeoJsonFeatures.fromWkt(wkt));
    }

    @Test
    void insideOutsideHolesAndMultipolygonParts() {
        SpatialIndex idx = new SpatialIndex(List.of(
                e("donut", "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (4 4, 6 4, 6 6, 4 6, 4 4))"),
                e("island", "POLYGON ((4.5 4.5, 5.5 4.5, 5.5 5.5, 4.5 5.5, 4.5 4.5))"),
                e("multi", "MULTIPOLYGON (((20 0, 22 0, 22 2, 20 2, 20 0)), ((30 0, 32 0, 31 3, 30 0)))"),
                e("right", "POLYGON ((10 0, 15 0, 15 10, 10 10, 10 0))")));
        assertEquals(4, idx.size());
        assertEquals(new Envelope(0, 32, 0, 10), idx.extent());
        assertEquals("donut", idx.locate(1, 1));
        assertEquals("island", idx.locate(5, 5));
        assertNull(idx.locate(4.2, 4.2), "in the hole but not on the island");
        assertEquals("multi", idx.locate(21, 1));
        assertEquals("multi", idx.locate(31, 2));
        assertNull(idx.locate(25, 1), "between the parts");
        assertNull(idx.locate(-1, 5));
        assertNull(idx.locate(100, 100));
        assertNull(idx.locate(Double.NaN, 1));
        // On the shared edge x=10: either neighbour, but always the same one.
        String onEdge = idx.locate(10, 5);
        for (int i = 0; i < 3; i++) {
            assertEquals(onEdge, idx.locate(10, 5));
        }
        assertEquals("right", onEdge);
    }

    @Test
    void emptyIndexFindsNothing() {
        SpatialIndex idx = new SpatialIndex(List.of());
        assertEquals(0, idx.size());
        assertNull(idx.locate(0, 0));
    }

    /** Property check against JTS on a few thousand polygons, some with holes, islands and extra parts. */
    @Test
    void agreesWithJtsContainsOnRandomPoints() {
        Envelope box = new Envelope(112.5, 113.3, 27.9, 28.5);
        List<SpatialIndex.Entry> grids = SyntheticGrids.tessellate(box, 60, 50, 42);
        List<SpatialIndex.Entry> entries = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(99);
        for (int i = 0; i < grids.size(); i++) {
            SpatialIndex.Entry g = grids.get(i);
            Geometry geom = g.wgs84Polygon();
            if (i % 17 == 5) {
                // Punch a hole and put another grid (an "island") in it.
                Point c = geom.getInteriorPoint();
                double r = 0.001;
                Polygon hole = (Polygon) GF.toGeometry(new Envelope(c.getX() - r, c.getX() + r, c.getY() - r, c.getY() + r));
                geom = geom.difference(hole);
                entries.add(new SpatialIndex.Entry("ISL-" + i, GF.toGeometry(
                        new Envelope(c.getX() - r / 2, c.getX() + r / 2, c.getY() - r / 2, c.getY() + r / 2))));
            }
            entries.add(new SpatialIndex.Entry(g.code(), geom));
        }
        // A multipolygon far apart parts, beyond the tessellated box.
        entries.add(e("FAR", "MULTIPOLYGON (((113.4 28.0, 113.45 28.0, 113.42 28.05, 113.4 28.0)), "
                + "((113.5 28.3, 113.6 28.3, 113.6 28.4, 113.5 28.4, 113.5 28.3)))"));
        SpatialIndex idx = new SpatialIndex(entries);

        List<PreparedGeometry> prepared = new ArrayList<>();
        for (SpatialIndex.Entry en : entries) prepared.add(PreparedGeometryFactory.prepare(en.wgs84Polygon()));
        Envelope probe = new Envelope(112.4, 113.7, 27.8, 28.6);
        int hits = 0;
        for (int n = 0; n < 20_000; n++) {
            double x = probe.getMinX() + rnd.nextDouble() * probe.getWidth();
            double y = probe.getMinY() + rnd.nextDouble() * probe.getHeight();
            Point p = GF.createPoint(new org.locationtech.jts.geom.Coordinate(x, y));
            String expected = null;
            for (int k = 0; k < entries.size(); k++) {
                if (prepared.get(k).getGeometry().getEnvelopeInternal().contains(x, y) && prepared.get(k).contains(p)) {
                    expected = entries.get(k).code();
                    break;
                }
            }
            assertEquals(expected, idx.locate(x, y), "point " + x + " " + y);
            if (expected != null) hits++;
        }
        // Sanity: the box is ~46% of the probe area, so roughly half the probes hit a grid.
        org.junit.jupiter.api.Assertions.assertTrue(hits > 8_000 && hits < 12_000, "hits " + hits);
    }
}

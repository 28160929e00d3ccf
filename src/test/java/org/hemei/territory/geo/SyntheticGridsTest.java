package org.hemei.territory.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

class SyntheticGridsTest {

    @Test
    void tilesTheBoxWithValidIrregularPolygons() {
        Envelope box = new Envelope(112.8, 113.1, 28.1, 28.3);
        List<SpatialIndex.Entry> grids = SyntheticGrids.tessellate(box, 20, 15, 1);
        assertEquals(300, grids.size());
        assertEquals("SYN-00000", grids.get(0).code());
        double area = 0;
        List<GeoJsonFeatures.Feature> features = new ArrayList<>();
        for (SpatialIndex.Entry g : grids) {
            Geometry p = g.wgs84Polygon();
            assertTrue(p.isValid(), g.code());
            int vertices = p.getNumPoints() - 1;
            assertTrue(vertices >= 12 && vertices <= 20, g.code() + " has " + vertices);
            assertTrue(box.covers(p.getEnvelopeInternal()));
            area += p.getArea();
            features.add(new GeoJsonFeatures.Feature(features.size() + 1, g.code(), null, p));
        }
        assertEquals(box.getArea(), area, 1e-12, "gap-free: areas add up to the box");
        assertEquals(List.of(), GeoJsonFeatures.overlaps(features, List.of()), "non-overlapping");
        // Same seed, same polygons.
        assertEquals(grids, SyntheticGrids.tessellate(box, 20, 15, 1));
    }
}

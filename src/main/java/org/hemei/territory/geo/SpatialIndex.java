package org.hemei.territory.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

/**
 * Immutable point → grid lookup for the hot path (geocoding every work order / GPS ping).
 *
 * <p>Layout is flat arrays only, so {@link #locate} allocates nothing: a uniform bucket grid maps a
 * cell to candidate polygon ids, each candidate is rejected by bounding box, then tested by even-odd
 * ray casting over all of its rings (shells and holes of every part, which is exact for valid
 * polygons and multipolygons). Candidates are tried in input order and the ray test is half-open,
 * so a point on an edge shared by two grids always goes to the same one.
 */
public final class SpatialIndex {

    /** A grid (or division) and its WGS84 Polygon/MultiPolygon. */
    public record Entry(String code, Geometry wgs84Polygon) {
        public Entry {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(wgs84Polygon, "wgs84Polygon");
        }
    }

    private static final int TARGET_CELLS_PER_POLYGON = 2;
    private static final int MAX_CELLS = 1 << 22;

    private final String[] codes;
    private final double[] bbox;       // minX, minY, maxX, maxY per polygon
    private final int[] polyRings;     // polygon p owns rings polyRings[p] .. polyRings[p+1]-1
    private final int[] ringStart;     // ring r owns xy[2*ringStart[r] .. 2*ringStart[r+1]) (closed ring)
    private final double[] xy;         // interleaved x,y of all ring vertices
    private final Envelope extent;
    private final double minX, minY, maxX, maxY, invCellW, invCellH;
    private final int nx, ny;
    private final int[] cellStart;     // cell c's candidates are cellItems[cellStart[c] .. cellStart[c+1])
    private final int[] cellItems;

    public SpatialIndex(List<Entry> entries) {
        int n = entries.size();
        codes = new String[n];
        bbox = new double[4 * n];
        polyRings = new int[n + 1];
        List<LinearRing> rings = new ArrayList<>();
        extent = new Envelope();
        for (int p = 0; p < n; p++) {
            Entry e = entries.get(p);
            codes[p] = e.code();
            Geometry g = e.wgs84Polygon();
            for (int i = 0; i < g.getNumGeometries(); i++) {
                if (!(g.getGeometryN(i) instanceof Polygon poly)) {
                    throw new IllegalArgumentException("grid " + e.code() + " is not a Polygon/MultiPolygon");
                }
                if (poly.isEmpty()) {
                    continue;
                }
                rings.add(poly.getExteriorRing());
                for (int h = 0; h < poly.getNumInteriorRing(); h++) {
                    rings.add(poly.getInteriorRingN(h));
                }
            }
            polyRings[p + 1] = rings.size();
            Envelope env = g.getEnvelopeInternal();
            bbox[4 * p] = env.getMinX();
            bbox[4 * p + 1] = env.getMinY();
            bbox[4 * p + 2] = env.getMaxX();
            bbox[4 * p + 3] = env.getMaxY();
            if (!env.isNull()) {
                extent.expandToInclude(env);
            }
        }
        ringStart = new int[rings.size() + 1];
        int vertices = 0;
        for (int r = 0; r < rings.size(); r++) {
            vertices += rings.get(r).getNumPoints();
            ringStart[r + 1] = vertices;
        }
        xy = new double[2 * vertices];
        for (int r = 0; r < rings.size(); r++) {
            var seq = rings.get(r).getCoordinateSequence();
            int base = 2 * ringStart[r];
            for (int i = 0; i < seq.size(); i++) {
                xy[base + 2 * i] = seq.getX(i);
                xy[base + 2 * i + 1] = seq.getY(i);
            }
        }

        // Bucket grid: about TARGET_CELLS_PER_POLYGON cells per polygon, shaped like the extent, so a
        // typical cell overlaps a handful of polygon boxes. Measured on 10k grids: 1-2 cells per polygon
        // beat 4 or 16 (smaller tables stay in cache; box rejection of extra candidates is cheap).
        if (extent.isNull()) {
            minX = minY = 0;
            maxX = maxY = -1; // rejects every point
            nx = ny = 1;
        } else {
            minX = extent.getMinX();
            minY = extent.getMinY();
            maxX = extent.getMaxX();
            maxY = extent.getMaxY();
            double w = Math.max(maxX - minX, 1e-12), h = Math.max(maxY - minY, 1e-12);
            double target = Math.min((double) MAX_CELLS, Math.max(1.0, (double) n * TARGET_CELLS_PER_POLYGON));
            int cx = (int) Math.ceil(Math.sqrt(target * w / h));
            nx = Math.max(1, Math.min(cx, MAX_CELLS));
            ny = Math.max(1, Math.min((int) Math.ceil(target / nx), MAX_CELLS / nx));
        }
        invCellW = nx / Math.max(maxX - minX, 1e-12);
        invCellH = ny / Math.max(maxY - minY, 1e-12);

        // Two passes (count, then fill) keep candidate lists as one int[] in polygon-id order.
        cellStart = new int[nx * ny + 1];
        forEachCell(n, (c, p) -> cellStart[c + 1]++);
        for (int c = 0; c < nx * ny; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        int[] fill = cellStart.clone();
        int[] items = new int[cellStart[nx * ny]];
        forEachCell(n, (c, p) -> items[fill[c]++] = p);
        cellItems = items;
    }

    private interface CellVisitor {
        void visit(int cell, int polygon);
    }

    private void forEachCell(int n, CellVisitor visitor) {
        for (int p = 0; p < n; p++) {
            if (polyRings[p] == polyRings[p + 1]) {
                continue; // empty geometry
            }
            int x0 = cellX(bbox[4 * p]), y0 = cellY(bbox[4 * p + 1]);
            int x1 = cellX(bbox[4 * p + 2]), y1 = cellY(bbox[4 * p + 3]);
            for (int cy = y0; cy <= y1; cy++) {
                for (int cx = x0; cx <= x1; cx++) {
                    visitor.visit(cy * nx + cx, p);
                }
            }
        }
    }

    private int cellX(double x) {
        return Math.min(nx - 1, Math.max(0, (int) ((x - minX) * invCellW)));
    }

    private int cellY(double y) {
        return Math.min(ny - 1, Math.max(0, (int) ((y - minY) * invCellH)));
    }

    /** Code of the grid containing (lng, lat) in WGS84, or null if none. Allocation-free. */
    public String locate(double lng, double lat) {
        int p = locateIndex(lng, lat);
        return p < 0 ? null : codes[p];
    }

    /** Position in the entry list of the grid containing the point, or -1. */
    public int locateIndex(double x, double y) {
        if (!(x >= minX && x <= maxX && y >= minY && y <= maxY)) { // also rejects NaN
            return -1;
        }
        int cx = (int) ((x - minX) * invCellW);
        int cy = (int) ((y - minY) * invCellH);
        if (cx >= nx) cx = nx - 1;
        if (cy >= ny) cy = ny - 1;
        int c = cy * nx + cx;
        final double[] bb = bbox;
        for (int k = cellStart[c], end = cellStart[c + 1]; k < end; k++) {
            int p = cellItems[k];
            int b = p << 2;
            if (x < bb[b] || y < bb[b + 1] || x > bb[b + 2] || y > bb[b + 3]) {
                continue;
            }
            if (contains(p, x, y)) {
                return p;
            }
        }
        return -1;
    }

    private boolean contains(int p, double x, double y) {
        final double[] v = xy;
        boolean inside = false;
        for (int r = polyRings[p], rEnd = polyRings[p + 1]; r < rEnd; r++) {
            int end = 2 * ringStart[r + 1] - 2; // last vertex repeats the first: edges are i → i+1
            double x1 = v[2 * ringStart[r]], y1 = v[2 * ringStart[r] + 1];
            for (int i = 2 * ringStart[r] + 2; i <= end; i += 2) {
                double x2 = v[i], y2 = v[i + 1];
                if ((y1 > y) != (y2 > y)) {
                    // Evaluate from the lower endpoint so both neighbours sharing this edge compute
                    // the identical crossing x (deterministic ownership of on-edge points).
                    double xc = y1 < y2
                            ? x1 + (y - y1) * (x2 - x1) / (y2 - y1)
                            : x2 + (y - y2) * (x1 - x2) / (y1 - y2);
                    if (x < xc) {
                        inside = !inside;
                    }
                }
                x1 = x2;
                y1 = y2;
            }
        }
        return inside;
    }

    public int size() {
        return codes.length;
    }

    /** Bounding box of all grids (a copy; empty envelope when the index is empty). */
    public Envelope extent() {
        return new Envelope(extent);
    }
}

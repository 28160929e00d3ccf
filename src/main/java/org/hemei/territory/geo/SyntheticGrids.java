package org.hemei.territory.geo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * Made-up grid polygons for clearly labelled demo data and benchmarks — never real boundaries.
 *
 * <p>A jittered lattice: interior lattice vertices move randomly (little enough that every cell stays
 * convex), every lattice edge gets 2-4 wobbly intermediate vertices, and each edge is generated once
 * and shared by both neighbours, so the result tiles the box exactly (no gaps, no overlaps) with
 * 12-20 vertices per polygon.
 */
public final class SyntheticGrids {

    private SyntheticGrids() {
    }

    /** Codes are "SYN-" + row-major index, e.g. SYN-00042. */
    public static List<SpatialIndex.Entry> tessellate(Envelope box, int columns, int rows, long seed) {
        return tessellate(box, columns, rows, seed, i -> String.format("SYN-%05d", i));
    }

    public static List<SpatialIndex.Entry> tessellate(Envelope box, int columns, int rows, long seed,
                                                      IntFunction<String> code) {
        if (columns < 1 || rows < 1 || box.isNull() || box.getWidth() <= 0 || box.getHeight() <= 0) {
            throw new IllegalArgumentException("need a non-empty box and at least one column and row");
        }
        SplittableRandom rnd = new SplittableRandom(seed);
        double cw = box.getWidth() / columns, ch = box.getHeight() / rows;
        // Lattice vertices; those on the box border stay put so the union is exactly the box.
        double[][] vx = new double[columns + 1][rows + 1], vy = new double[columns + 1][rows + 1];
        for (int i = 0; i <= columns; i++) {
            for (int j = 0; j <= rows; j++) {
                vx[i][j] = box.getMinX() + i * cw;
                vy[i][j] = box.getMinY() + j * ch;
                if (i > 0 && i < columns) vx[i][j] += (rnd.nextDouble() - 0.5) * 0.4 * cw;
                if (j > 0 && j < rows) vy[i][j] += (rnd.nextDouble() - 0.5) * 0.4 * ch;
            }
        }
        // Cell centres: each lattice edge's wobble stays inside the triangles it forms with the centres
        // of its two cells. Those triangles tile the (convex) cells, so edges can never cross.
        double[][] mx = new double[columns][rows], my = new double[columns][rows];
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j < rows; j++) {
                mx[i][j] = (vx[i][j] + vx[i + 1][j] + vx[i + 1][j + 1] + vx[i][j + 1]) / 4;
                my[i][j] = (vy[i][j] + vy[i + 1][j] + vy[i + 1][j + 1] + vy[i][j + 1]) / 4;
            }
        }
        // h[i][j]: intermediate points from vertex (i,j) to (i+1,j); v[i][j]: from (i,j) to (i,j+1).
        Coordinate[][][] h = new Coordinate[columns][rows + 1][];
        Coordinate[][][] v = new Coordinate[columns + 1][rows][];
        for (int i = 0; i < columns; i++) {
            for (int j = 0; j <= rows; j++) {
                boolean inner = j > 0 && j < rows;
                h[i][j] = wobble(rnd, vx[i][j], vy[i][j], vx[i + 1][j], vy[i + 1][j],
                        inner ? new double[] {mx[i][j - 1], my[i][j - 1], mx[i][j], my[i][j]} : null);
            }
        }
        for (int i = 0; i <= columns; i++) {
            for (int j = 0; j < rows; j++) {
                boolean inner = i > 0 && i < columns;
                v[i][j] = wobble(rnd, vx[i][j], vy[i][j], vx[i][j + 1], vy[i][j + 1],
                        inner ? new double[] {mx[i - 1][j], my[i - 1][j], mx[i][j], my[i][j]} : null);
            }
        }
        GeometryFactory gf = GeoJsonFeatures.GEOMETRY_FACTORY;
        List<SpatialIndex.Entry> out = new ArrayList<>(columns * rows);
        for (int j = 0; j < rows; j++) {
            for (int i = 0; i < columns; i++) {
                List<Coordinate> ring = new ArrayList<>(24);
                // Counter-clockwise: bottom, right, top (reversed), left (reversed).
                ring.add(new Coordinate(vx[i][j], vy[i][j]));
                addAll(ring, h[i][j], false);
                ring.add(new Coordinate(vx[i + 1][j], vy[i + 1][j]));
                addAll(ring, v[i + 1][j], false);
                ring.add(new Coordinate(vx[i + 1][j + 1], vy[i + 1][j + 1]));
                addAll(ring, h[i][j + 1], true);
                ring.add(new Coordinate(vx[i][j + 1], vy[i][j + 1]));
                addAll(ring, v[i][j], true);
                ring.add(new Coordinate(vx[i][j], vy[i][j]));
                int index = j * columns + i;
                out.add(new SpatialIndex.Entry(code.apply(index),
                        gf.createPolygon(ring.toArray(new Coordinate[0]))));
            }
        }
        return out;
    }

    /**
     * 2-4 points along segment (x0,y0)→(x1,y1), pushed to one side but kept strictly inside the
     * triangle with the cell centre on that side ({@code centres} = x,y of both; null on the box border,
     * where the edge stays straight).
     */
    private static Coordinate[] wobble(SplittableRandom rnd, double x0, double y0, double x1, double y1,
                                       double[] centres) {
        int k = 2 + rnd.nextInt(3);
        Coordinate[] pts = new Coordinate[k];
        double dx = x1 - x0, dy = y1 - y0;
        // One side per edge: the polyline then stays in one (convex) triangle and cannot self-cross.
        double side = rnd.nextBoolean() ? 1 : -1;
        for (int m = 0; m < k; m++) {
            // Evenly spaced slots with a little jitter keep the points ordered along the edge.
            double t = (m + 0.5 + (rnd.nextDouble() - 0.5) * 0.6) / k;
            double s = centres == null ? 0.0 : side * (0.02 + rnd.nextDouble() * 0.13);
            double px = x0 + t * dx, py = y0 + t * dy;
            if (s != 0) {
                // The centre on the side the point moves to (normal is (-dy, dx)).
                int c = cross(dx, dy, centres[0] - x0, centres[1] - y0) * s > 0 ? 0 : 2;
                double cx = centres[c], cy = centres[c + 1];
                for (int tries = 0; tries < 30 && !inTriangle(px - s * dy, py + s * dx, x0, y0, x1, y1, cx, cy); tries++) {
                    s *= 0.5;
                }
                if (inTriangle(px - s * dy, py + s * dx, x0, y0, x1, y1, cx, cy)) {
                    px -= s * dy;
                    py += s * dx;
                }
            }
            pts[m] = new Coordinate(px, py);
        }
        return pts;
    }

    private static double cross(double ax, double ay, double bx, double by) {
        return ax * by - ay * bx;
    }

    private static boolean inTriangle(double px, double py, double ax, double ay, double bx, double by,
                                      double cx, double cy) {
        double d1 = cross(bx - ax, by - ay, px - ax, py - ay);
        double d2 = cross(cx - bx, cy - by, px - bx, py - by);
        double d3 = cross(ax - cx, ay - cy, px - cx, py - cy);
        return (d1 > 0 && d2 > 0 && d3 > 0) || (d1 < 0 && d2 < 0 && d3 < 0);
    }

    private static void addAll(List<Coordinate> ring, Coordinate[] pts, boolean reversed) {
        for (int m = 0; m < pts.length; m++) {
            ring.add(pts[reversed ? pts.length - 1 - m : m].copy()); // copy: rings must not share mutable Coordinates
        }
    }
}

package org.hemei.bench;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.hemei.territory.geo.SpatialIndex;
import org.hemei.territory.geo.SyntheticGrids;
import org.locationtech.jts.geom.Envelope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Point → grid lookups: 10,000 synthetic grids (125 × 80, 12-20 vertices each) over a Changsha-sized
 * box, queried with 65,536 pre-generated uniform random points (cycled), one thread.
 * Run: ./mvnw -Pbench test-compile exec:exec (see docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SpatialIndexBenchmark {

    private static final int POINTS = 1 << 16;

    private SpatialIndex index;
    private final double[] lng = new double[POINTS];
    private final double[] lat = new double[POINTS];
    private int next;

    @Setup
    public void setUp() {
        Envelope changsha = new Envelope(111.9, 114.3, 27.8, 28.7);
        List<SpatialIndex.Entry> grids = SyntheticGrids.tessellate(changsha, 125, 80, 2024);
        index = new SpatialIndex(grids);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < POINTS; i++) {
            lng[i] = changsha.getMinX() + rnd.nextDouble() * changsha.getWidth();
            lat[i] = changsha.getMinY() + rnd.nextDouble() * changsha.getHeight();
        }
        if (index.size() != 10_000 || index.locate(lng[0], lat[0]) == null) {
            throw new IllegalStateException("benchmark set-up is wrong");
        }
    }

    @Benchmark
    public String locate() {
        int i = next++ & (POINTS - 1);
        return index.locate(lng[i], lat[i]); // returned, so JMH keeps the work
    }
}

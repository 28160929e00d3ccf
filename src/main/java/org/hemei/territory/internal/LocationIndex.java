package org.hemei.territory.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.hemei.territory.GridSummary;
import org.hemei.territory.Level;
import org.hemei.territory.geo.GeoJsonFeatures;
import org.hemei.territory.geo.SpatialIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * In-memory spatial indexes over grids and division boundaries, swapped atomically after each import so
 * lookups never wait. The finest layer that covers a point wins; its ancestors come from its code.
 */
@Component
public class LocationIndex {

    private static final Logger log = LoggerFactory.getLogger(LocationIndex.class);

    record Layers(SpatialIndex grids, Map<String, GridSummary> gridInfo, SpatialIndex communities, SpatialIndex streets,
            SpatialIndex districts) {
    }

    private final JdbcClient jdbc;
    private final AtomicReference<Layers> layers = new AtomicReference<>(
            new Layers(new SpatialIndex(List.of()), Map.of(), new SpatialIndex(List.of()), new SpatialIndex(List.of()),
                    new SpatialIndex(List.of())));

    LocationIndex(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void rebuild() {
        List<GridRow> grids = jdbc.sql("select code, name, community_code, synthetic, polygon_wkt from grid").query(GridRow.class).list();
        SpatialIndex gridIndex = new SpatialIndex(grids.stream()
                .map(g -> new SpatialIndex.Entry(g.code(), GeoJsonFeatures.fromWkt(g.polygonWkt()))).toList());
        Map<String, GridSummary> info = grids.stream().collect(Collectors.toUnmodifiableMap(GridRow::code,
                g -> new GridSummary(g.code(), g.name(), g.communityCode(), g.synthetic())));
        layers.set(new Layers(gridIndex, info, boundaries(Level.COMMUNITY), boundaries(Level.STREET), boundaries(Level.DISTRICT)));
        log.info("Location index: {} grids", grids.size());
    }

    record GridRow(String code, String name, String communityCode, boolean synthetic, String polygonWkt) {
    }

    private SpatialIndex boundaries(Level level) {
        return new SpatialIndex(jdbc.sql("select code, boundary_wkt from division where level = ? and boundary_wkt is not null")
                .param(level.name())
                .query((rs, i) -> new SpatialIndex.Entry(rs.getString(1), GeoJsonFeatures.fromWkt(rs.getString(2))))
                .list());
    }

    /** The grid containing the point, if any. */
    public GridSummary grid(double lng, double lat) {
        Layers l = layers.get();
        String code = l.grids().locate(lng, lat);
        return code == null ? null : l.gridInfo().get(code);
    }

    /** The code of the finest division boundary containing the point, if any. */
    public String division(double lng, double lat) {
        Layers l = layers.get();
        String code = l.communities().locate(lng, lat);
        if (code == null) code = l.streets().locate(lng, lat);
        if (code == null) code = l.districts().locate(lng, lat);
        return code;
    }

    public int gridCount() {
        return layers.get().grids().size();
    }
}

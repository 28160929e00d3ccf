package org.hemei.territory;

import java.util.List;
import org.hemei.territory.geo.GeoJsonFeatures;
import org.hemei.territory.geo.SpatialIndex;
import org.hemei.territory.internal.LocationIndex;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Grids 网格 and compounds 小区: reading them, and seeding synthetic ones for the demo. */
@Service
public class Grids {

    /** A grid with its polygon as a GeoJSON geometry, for maps. */
    public record GridShape(String code, String name, String communityCode, boolean synthetic, String geometry) {
    }

    public record Shape(String code, String name, String level, boolean synthetic, String geometry) {
    }

    public record Compound(long id, String name, String communityCode, String address, boolean synthetic) {
    }

    private final JdbcClient jdbc;
    private final LocationIndex index;

    Grids(JdbcClient jdbc, LocationIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    /** Grids whose code starts with the division's prefix (all grids of a community, street or district). */
    public List<GridShape> within(String divisionCode, int limit) {
        return jdbc.sql("select code, name, community_code, synthetic, polygon_wkt from grid where code like ? order by code limit ?")
                .params(org.hemei.identity.Scope.prefix(divisionCode) + "%", limit)
                .query((rs, i) -> new GridShape(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        GeoJsonFeatures.toGeoJson(GeoJsonFeatures.fromWkt(rs.getString(5)))))
                .list();
    }

    /** A point inside the first grid of a division or grid, WGS-84 {lat, lng}: where the demo pins its orders. */
    public java.util.Optional<double[]> pointIn(String divisionCode) {
        return jdbc.sql("select polygon_wkt from grid where code like ? order by code limit 1")
                .param(org.hemei.identity.Scope.prefix(divisionCode) + "%").query(String.class).optional()
                .map(wkt -> GeoJsonFeatures.fromWkt(wkt).getInteriorPoint()).map(p -> new double[] { p.getY(), p.getX() });
    }

    /** Accounts of the grid's workers (identity resolves them to names). */
    public List<Long> workerAccountIds(String gridCode) {
        return jdbc.sql("select account_id from grid_worker where grid_code = ? order by account_id")
                .param(gridCode).query(Long.class).list();
    }

    /** The grids a worker covers. */
    public List<String> gridsOf(long accountId) {
        return jdbc.sql("select grid_code from grid_worker where account_id = ? order by grid_code")
                .param(accountId).query(String.class).list();
    }

    public List<Compound> compounds(String communityCode) {
        return jdbc.sql("select id, name, community_code, address, synthetic from compound where community_code = ? order by name")
                .param(communityCode).query(Compound.class).list();
    }

    /** Every compound of the city (a few thousand rows), e.g. for finding compound names in text. */
    public List<Compound> allCompounds() {
        return jdbc.sql("select id, name, community_code, address, synthetic from compound order by id").query(Compound.class).list();
    }

    public boolean exists(String gridCode) {
        return gridCode != null && jdbc.sql("select count(*) from grid where code = ?").param(gridCode).query(Long.class).single() > 0;
    }

    /** A grid's name, as lists show it instead of its code. */
    public java.util.Optional<String> name(String gridCode) {
        return jdbc.sql("select name from grid where code = ?").param(gridCode).query(String.class).optional();
    }

    public long count() {
        return jdbc.sql("select count(*) from grid").query(Long.class).single();
    }

    /** Saves generated grids (demo data), labelled synthetic, and rebuilds the index. */
    @Transactional
    public void seedSynthetic(List<SpatialIndex.Entry> grids, java.util.function.Function<String, String> nameOf) {
        for (SpatialIndex.Entry g : grids) {
            jdbc.sql("insert into grid(code, name, community_code, polygon_wkt, synthetic) values (?, ?, ?, ?, true)")
                    .params(g.code(), nameOf.apply(g.code()), g.code().substring(0, 12), GeoJsonFeatures.toWkt(g.wgs84Polygon()))
                    .update();
        }
    }

    /** Saves a generated boundary (demo data), labelled synthetic. */
    @Transactional
    public void seedSyntheticBoundary(String divisionCode, org.locationtech.jts.geom.Geometry boundary) {
        jdbc.sql("update division set boundary_wkt = ?, boundary_synthetic = true where code = ?")
                .params(GeoJsonFeatures.toWkt(boundary), divisionCode).update();
    }

    /** A division's boundary and its children's, where known, as GeoJSON geometries for the map. */
    public List<Shape> shapes(String divisionCode) {
        return jdbc.sql("""
                select code, name, level, boundary_synthetic, boundary_wkt from division
                where (code = :code or parent_code = :code) and boundary_wkt is not null order by code""")
                .param("code", divisionCode)
                .query((rs, i) -> new Shape(rs.getString(1), rs.getString(2), rs.getString(3).toLowerCase(),
                        rs.getBoolean(4), GeoJsonFeatures.toGeoJson(GeoJsonFeatures.fromWkt(rs.getString(5)))))
                .list();
    }

    @Transactional
    public void seedCompound(String name, String communityCode, String address) {
        jdbc.sql("insert into compound(name, community_code, address, synthetic) values (?, ?, ?, true)")
                .params(name, communityCode, address).update();
    }

    @Transactional
    public void assignWorker(String gridCode, long accountId) {
        jdbc.sql("insert into grid_worker(grid_code, account_id) values (?, ?)").params(gridCode, accountId).update();
    }

    public void reindex() {
        index.rebuild();
    }
}

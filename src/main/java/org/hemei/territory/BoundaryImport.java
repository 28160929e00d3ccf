package org.hemei.territory;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hemei.identity.AuditLog;
import org.hemei.shared.DomainException;
import org.hemei.territory.geo.CoordinateSystem;
import org.hemei.territory.geo.GeoJsonFeatures;
import org.hemei.territory.geo.GeoJsonFeatures.Feature;
import org.hemei.territory.geo.GeoJsonFeatures.ParseResult;
import org.hemei.territory.geo.GeoJsonFeatures.Problem;
import org.hemei.territory.internal.LocationIndex;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Imports division boundaries and grids from GeoJSON. The whole file is checked first and every problem
 * reported (422); only a file without problems is imported, in one transaction: all of it or nothing.
 */
@Service
public class BoundaryImport {

    public record Result(int imported, List<String> codes) {
    }

    private final JdbcClient jdbc;
    private final Territory territory;
    private final LocationIndex index;
    private final AuditLog audit;

    BoundaryImport(JdbcClient jdbc, Territory territory, LocationIndex index, AuditLog audit) {
        this.jdbc = jdbc;
        this.territory = territory;
        this.index = index;
        this.audit = audit;
    }

    @Transactional
    public Result boundaries(String geoJson, String crs) {
        ParseResult parsed = GeoJsonFeatures.parse(geoJson, system(crs),
                code -> code.length() != 15 && territory.exists(code));
        refuseIfProblems(parsed.problems());
        for (Feature f : parsed.features()) {
            jdbc.sql("update division set boundary_wkt = ?, boundary_synthetic = false, version = version + 1 where code = ?")
                    .params(GeoJsonFeatures.toWkt(f.wgs84Geometry()), f.code()).update();
        }
        return finish("BOUNDARIES_IMPORTED", parsed.features());
    }

    @Transactional
    public Result grids(String geoJson, String crs) {
        ParseResult parsed = GeoJsonFeatures.parse(geoJson, system(crs),
                code -> code.matches("\\d{15}") && territory.find(code.substring(0, 12))
                        .filter(d -> d.level() == Level.COMMUNITY).isPresent());
        refuseIfProblems(parsed.problems());
        Set<String> replaced = new HashSet<>();
        parsed.features().forEach(f -> replaced.add(f.code()));
        List<Feature> existing = jdbc.sql("select code, name, polygon_wkt from grid").query((rs, i) ->
                new Feature(-1, rs.getString(1), rs.getString(2), GeoJsonFeatures.fromWkt(rs.getString(3))))
                .list().stream().filter(f -> !replaced.contains(f.code())).toList();
        refuseIfProblems(GeoJsonFeatures.overlaps(parsed.features(), existing));
        for (Feature f : parsed.features()) {
            String name = f.name() == null || f.name().isBlank() ? "网格" + f.code().substring(12) : f.name();
            String wkt = GeoJsonFeatures.toWkt(f.wgs84Geometry());
            int updated = jdbc.sql("update grid set name = ?, polygon_wkt = ?, synthetic = false, version = version + 1 where code = ?")
                    .params(name, wkt, f.code()).update();
            if (updated == 0) {
                jdbc.sql("insert into grid(code, name, community_code, polygon_wkt, synthetic) values (?, ?, ?, ?, false)")
                        .params(f.code(), name, f.code().substring(0, 12), wkt).update();
            }
        }
        return finish("GRIDS_IMPORTED", parsed.features());
    }

    private Result finish(String action, List<Feature> features) {
        List<String> codes = features.stream().map(Feature::code).toList();
        audit.record(action, "territory", codes.size() + " features: " + String.join(",", codes));
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                index.rebuild(); // lookups see the new shapes only once they are committed
            }
        });
        return new Result(codes.size(), codes);
    }

    private static CoordinateSystem system(String crs) {
        try {
            return crs == null || crs.isBlank() ? null : CoordinateSystem.parse(crs);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("crs 无效 / " + e.getMessage());
        }
    }

    private static void refuseIfProblems(List<Problem> problems) {
        if (!problems.isEmpty()) {
            throw DomainException.unprocessable("GeoJSON 有 " + problems.size() + " 处问题，未导入任何内容 / "
                    + problems.size() + " problem(s) in the file: nothing was imported", problems);
        }
    }
}

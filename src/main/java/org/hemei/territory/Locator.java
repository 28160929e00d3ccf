package org.hemei.territory;

import org.hemei.shared.DomainException;
import org.hemei.territory.geo.CoordinateSystem;
import org.hemei.territory.internal.LocationIndex;
import org.springframework.stereotype.Service;

/** Answers "which grid, community, street and district is this point in", from coordinates in any accepted CRS. */
@Service
public class Locator {

    private final LocationIndex index;
    private final Territory territory;

    Locator(LocationIndex index, Territory territory) {
        this.index = index;
        this.territory = territory;
    }

    /** Validates the input (400 naming the bad parameter), converts to WGS-84 and looks the point up. */
    public Location locate(Double lat, Double lng, String crs) {
        if (lat == null) throw DomainException.badRequest("缺少参数 lat / missing parameter lat");
        if (lng == null) throw DomainException.badRequest("缺少参数 lng / missing parameter lng");
        if (!Double.isFinite(lat) || lat < -90 || lat > 90) {
            throw DomainException.badRequest("lat 超出范围 / lat must be between -90 and 90 (got " + lat + ")");
        }
        if (!Double.isFinite(lng) || lng < -180 || lng > 180) {
            throw DomainException.badRequest("lng 超出范围 / lng must be between -180 and 180 (got " + lng + ")");
        }
        CoordinateSystem system;
        try {
            system = CoordinateSystem.parse(crs);
        } catch (IllegalArgumentException e) {
            throw DomainException.badRequest("crs 无效 / " + e.getMessage());
        }
        double[] wgs = system.toWgs84(lng, lat);
        return locateWgs84(wgs[0], wgs[1]);
    }

    public Location locateWgs84(double lng, double lat) {
        GridSummary grid = index.grid(lng, lat);
        String code = grid != null ? grid.communityCode() : index.division(lng, lat);
        if (code == null) return Location.NOWHERE;
        Division district = null, street = null, community = null;
        for (Division d : territory.path(code)) {
            switch (d.level()) {
                case DISTRICT -> district = d;
                case STREET -> street = d;
                case COMMUNITY -> community = d;
                default -> { }
            }
        }
        return new Location(district, street, community, grid);
    }
}

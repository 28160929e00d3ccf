package org.hemei.territory.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.hemei.identity.AdminOnly;
import org.hemei.identity.SignedIn;
import org.hemei.identity.Staff;
import org.hemei.shared.DomainException;
import org.hemei.shared.Paging;
import org.hemei.territory.BoundaryImport;
import org.hemei.territory.CommunityProfile;
import org.hemei.territory.CommunityProfiles;
import org.hemei.territory.CommunityProfiles.ProfileChange;
import org.hemei.territory.CommunityProfiles.Rollup;
import org.hemei.territory.Division;
import org.hemei.territory.Grids;
import org.hemei.territory.Level;
import org.hemei.territory.Location;
import org.hemei.territory.Locator;
import org.hemei.territory.Territory;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "territory", description = "区划、网格、定位、社区概况 / divisions, grids, location, community profiles")
@RestController
@RequestMapping("/api/territory")
class TerritoryApi {

    /** A division as the API shows it: level in lower case (city|district|street|community). */
    record DivisionView(String code, String name, String shortName, String level, String kind, String parentCode) {
        static DivisionView of(Division d) {
            return d == null ? null : new DivisionView(d.code(), d.name(), d.shortName(), d.level().apiName(), d.kind(), d.parentCode());
        }
    }

    record LocationView(DivisionView district, DivisionView street, DivisionView community, Object grid) {
        static LocationView of(Location l) {
            return new LocationView(DivisionView.of(l.district()), DivisionView.of(l.street()), DivisionView.of(l.community()), l.grid());
        }
    }

    record ProfileView(String communityCode, int residentPopulation, int communityWorkers, long operatingFundsYuan,
            int serviceSpaceM2, Double workersPer10k, boolean meetsWorkerTarget, boolean meetsFundsTarget,
            boolean meetsSpaceTarget, boolean synthetic, int version) {
        static ProfileView of(CommunityProfile p) {
            return new ProfileView(p.getCommunityCode(), p.getResidentPopulation(), p.getCommunityWorkers(),
                    p.getOperatingFundsYuan(), p.getServiceSpaceM2(), p.workersPer10k(), p.meetsWorkerTarget(),
                    p.meetsFundsTarget(), p.meetsSpaceTarget(), p.isSynthetic(), p.getVersion());
        }
    }

    private final Territory territory;
    private final Locator locator;
    private final BoundaryImport imports;
    private final CommunityProfiles profiles;
    private final Grids grids;

    TerritoryApi(Territory territory, Locator locator, BoundaryImport imports, CommunityProfiles profiles, Grids grids) {
        this.territory = territory;
        this.locator = locator;
        this.imports = imports;
        this.profiles = profiles;
        this.grids = grids;
    }

    @SignedIn
    @GetMapping("/divisions/{code}")
    DivisionView division(@PathVariable String code) {
        return DivisionView.of(territory.get(code));
    }

    @SignedIn
    @GetMapping("/divisions/{code}/children")
    List<DivisionView> children(@PathVariable String code) {
        return territory.children(code).stream().map(DivisionView::of).toList();
    }

    @SignedIn
    @Operation(summary = "Search divisions by name or code prefix")
    @GetMapping("/divisions")
    Paging<DivisionView> search(@RequestParam(required = false) String q, @RequestParam(required = false) String level,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        Level lv = null;
        if (level != null && !level.isBlank()) {
            try {
                lv = Level.valueOf(level.strip().toUpperCase());
            } catch (IllegalArgumentException e) {
                throw DomainException.badRequest("level 无效 / level must be city, district, street or community");
            }
        }
        Paging<Division> hits = territory.search(q, lv, Paging.page(page), Paging.size(size));
        return new Paging<>(hits.items().stream().map(DivisionView::of).toList(), hits.page(), hits.size(), hits.total());
    }

    @SignedIn
    @Operation(summary = "Which district, street, community and grid a point is in (crs: wgs84 | gcj02 | bd09)")
    @GetMapping("/locate")
    LocationView locate(@RequestParam(required = false) Double lat, @RequestParam(required = false) Double lng,
            @RequestParam(required = false) String crs) {
        return LocationView.of(locator.locate(lat, lng, crs));
    }

    @AdminOnly
    @Operation(summary = "Import division boundaries (GeoJSON FeatureCollection; all or nothing)")
    @PostMapping(value = "/boundaries", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/geo+json" })
    BoundaryImport.Result importBoundaries(@RequestBody String geoJson, @RequestParam(required = false) String crs) {
        return imports.boundaries(geoJson, crs);
    }

    @AdminOnly
    @Operation(summary = "Import grids (GeoJSON FeatureCollection with 15-digit codes; all or nothing)")
    @PostMapping(value = "/grids", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/geo+json" })
    BoundaryImport.Result importGrids(@RequestBody String geoJson, @RequestParam(required = false) String crs) {
        return imports.grids(geoJson, crs);
    }

    @Staff
    @Operation(summary = "Grids inside a division, with polygons as GeoJSON geometries (at most 2,000)")
    @GetMapping("/divisions/{code}/grids")
    List<Grids.GridShape> grids(@PathVariable String code) {
        territory.get(code);
        return grids.within(code, 2000);
    }

    @SignedIn
    @Operation(summary = "The division's boundary and its children's, where known, as GeoJSON geometries (public geography)")
    @GetMapping("/divisions/{code}/shapes")
    List<Grids.Shape> shapes(@PathVariable String code) {
        territory.get(code);
        return grids.shapes(code);
    }

    @Staff
    @GetMapping("/communities/{code}/profile")
    ProfileView profile(@PathVariable String code) {
        territory.get(code);
        return profiles.find(code).map(ProfileView::of)
                .orElseThrow(() -> DomainException.notFound("该社区尚无概况 / no profile yet for " + code));
    }

    @Staff
    @PutMapping("/communities/{code}/profile")
    ProfileView changeProfile(@PathVariable String code, @RequestBody ProfileChange change) {
        return ProfileView.of(profiles.change(code, change));
    }

    @Staff
    @Operation(summary = "Community resources rolled up for a community, street, district or the city, against the targets")
    @GetMapping("/divisions/{code}/rollup")
    Rollup rollup(@PathVariable String code) {
        return profiles.rollup(code);
    }
}

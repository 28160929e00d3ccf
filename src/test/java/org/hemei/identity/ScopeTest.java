package org.hemei.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private static Scope of(String... codes) {
        return new Scope(Set.of(codes), Set.of());
    }

    @Test
    void cityCoversEveryDivisionAndGridOfChangsha() {
        Scope city = Scope.city();
        assertTrue(city.isCityWide());
        assertTrue(city.covers("430100"));
        assertTrue(city.covers("430102"));
        assertTrue(city.covers("430102001001"));
        assertTrue(city.covers("430102001001001"), "15-digit grid codes");
        assertTrue(city.covers("430181105213001"));
        assertFalse(city.covers("430200"), "Zhuzhou is another city");
        assertFalse(city.covers("430202001001"));
        assertFalse(city.covers(null));
    }

    @Test
    void streetCoversItsCommunitiesAndGridsButNotOtherStreetsOrItsDistrict() {
        Scope street = of("430102001");
        assertFalse(street.isCityWide());
        assertTrue(street.covers("430102001"));
        assertTrue(street.covers("430102001001"));
        assertTrue(street.covers("430102001001003"));
        assertFalse(street.covers("430102002"), "another street of the same district");
        assertFalse(street.covers("430102002001"));
        assertFalse(street.covers("430102"), "a street does not cover its district");
        assertFalse(street.covers("430100"));
    }

    @Test
    void districtCoversOnlyItsOwnSubtree() {
        Scope district = of("430102");
        assertTrue(district.covers("430102001001"));
        assertFalse(district.covers("430103001001"));
        assertFalse(Scope.none().covers("430102"));
    }

    @Test
    void unitsAreCoveredByIdOrByTheirDivision() {
        Scope scope = new Scope(Set.of("430102001"), Set.of(7L));
        assertTrue(scope.coversUnit(7L, "430103"));
        assertTrue(scope.coversUnit(8L, "430102001001"));
        assertFalse(scope.coversUnit(8L, "430103"));
    }

    @Test
    void aGridReadsTheCommunityItLiesInButCoversOnlyItself() {
        Scope grid = of("430102001001001");
        assertTrue(grid.reads("430102001001"), "the grid's own community");
        assertFalse(grid.covers("430102001001"));
        assertTrue(grid.reads("430102001001001"));
        assertFalse(grid.reads("430102001001002"), "a neighbouring grid");
        assertFalse(grid.reads("430102001002"), "another community");
        assertFalse(grid.reads("430102001"), "its street");
        assertFalse(grid.reads(null));
        assertFalse(of("430102001").reads("430102"), "reading adds nothing above a street");
    }

    @Test
    void prefixDropsTheTrailingZerosOfACityCodeOnly() {
        assertEquals("4301", Scope.prefix("430100"));
        assertEquals("430102", Scope.prefix("430102"));
        assertEquals("430102001", Scope.prefix("430102001"));
        assertEquals("430102001001", Scope.prefix("430102001001"));
        assertEquals("430102001001001", Scope.prefix("430102001001001"));
    }
}

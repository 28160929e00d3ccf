package org.hemei.identity;

import java.util.Set;

/**
 * Which territory and units a person acts for. Division codes nest by prefix (430102 ⊃ 430102001 ⊃
 * 430102001001 ⊃ its 15-digit grids; the city 430100 covers every 4301…), so containment needs no lookup.
 */
public record Scope(Set<String> divisionCodes, Set<Long> unitIds) {

    public static final String CITY = "430100";
    /** A community's (or village's) code has 12 digits; its grids' are longer. */
    public static final int COMMUNITY_DIGITS = 12;

    public Scope {
        divisionCodes = Set.copyOf(divisionCodes);
        unitIds = Set.copyOf(unitIds);
    }

    public static Scope city() {
        return new Scope(Set.of(CITY), Set.of());
    }

    public static Scope none() {
        return new Scope(Set.of(), Set.of());
    }

    public boolean isCityWide() {
        return divisionCodes.contains(CITY);
    }

    /** True if the division (or grid) with this code lies inside one of the scope's divisions. */
    public boolean covers(String code) {
        if (code == null) return false;
        for (String d : divisionCodes) {
            if (code.startsWith(prefix(d))) return true;
        }
        return false;
    }

    /**
     * What the scope may read: what it covers, and the community a grid of it lies in — a grid worker works inside
     * their community and reads its page (profile, compounds, the other grids), though it is not theirs to change.
     */
    public boolean reads(String code) {
        if (covers(code)) return true;
        if (code == null || code.length() != COMMUNITY_DIGITS) return false;
        for (String d : divisionCodes) {
            if (d.length() > COMMUNITY_DIGITS && d.startsWith(code)) return true;
        }
        return false;
    }

    public boolean coversUnit(Long unitId, String unitDivisionCode) {
        return unitIds.contains(unitId) || covers(unitDivisionCode);
    }

    /** The code prefix shared by everything inside a division: city 430100 → 4301, district 430102 → 430102. */
    public static String prefix(String code) {
        if (code.length() == 6 && code.endsWith("00")) return code.substring(0, 4);
        return code;
    }
}

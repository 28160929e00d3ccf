package org.hemei.territory;

/** Where a point lies: each part null where no boundary or grid covers it. */
public record Location(Division district, Division street, Division community, GridSummary grid) {

    public static final Location NOWHERE = new Location(null, null, null, null);

    /** The most precise territory code known, for routing. */
    public String mostPreciseCode() {
        if (grid != null) return grid.code();
        if (community != null) return community.code();
        if (street != null) return street.code();
        return district == null ? null : district.code();
    }
}

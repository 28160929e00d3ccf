package org.hemei.territory;

/** A grid 网格 without its polygon. {@code synthetic} marks demo grids that are not real boundaries. */
public record GridSummary(String code, String name, String communityCode, boolean synthetic) {
}

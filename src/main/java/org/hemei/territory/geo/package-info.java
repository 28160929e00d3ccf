/**
 * Pure geometry: coordinate systems, GeoJSON parsing and validation, the point → polygon index, synthetic grids.
 * Exposed so other modules (the demo data) can build synthetic shapes.
 */
@org.springframework.modulith.NamedInterface("geo")
package org.hemei.territory.geo;

package org.hemei.territory.geo;

import java.util.Locale;

import org.locationtech.jts.geom.CoordinateFilter;
import org.locationtech.jts.geom.Geometry;

/**
 * Geographic coordinate systems met in Chinese map data. WGS84 is what we store; GCJ-02 (the
 * mandated "Mars" offset used by Amap/Tencent) and BD-09 (Baidu's extra offset on top of GCJ-02)
 * are converted on import. Arrays are always {lng, lat}.
 */
public enum CoordinateSystem {
    WGS84, GCJ02, BD09;

    // Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
    private static final double A = 6378245.0;
    private static final double EE = 0.00669342162296594323;
    private static final double X_PI = Math.PI * 3000.0 / 180.0;

    /** Accepts the names people actually type or that GIS tools write; null/blank means WGS84. */
    public static CoordinateSystem parse(String s) {
        if (s == null || s.isBlank()) {
            return WGS84;
        }
        String k = s.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        switch (k) {
            case "wgs84": case "epsg:4326": case "4326": case "crs84":
            case "urn:ogc:def:crs:ogc:1.3:crs84": case "urn:ogc:def:crs:epsg::4326":
                return WGS84;
            case "gcj02":
                return GCJ02;
            case "bd09": case "bd09ll":
                return BD09;
            default:
                throw new IllegalArgumentException("unknown crs \"" + s.trim() + "\": use wgs84, gcj02 or bd09");
        }
    }

    public double[] toWgs84(double lng, double lat) {
        switch (this) {
            case GCJ02: return gcjToWgs(lng, lat);
            case BD09: { double[] g = bdToGcj(lng, lat); return gcjToWgs(g[0], g[1]); }
            default: return new double[] {lng, lat};
        }
    }

    public double[] fromWgs84(double lng, double lat) {
        switch (this) {
            case GCJ02: return wgsToGcj(lng, lat);
            case BD09: { double[] g = wgsToGcj(lng, lat); return gcjToBd(g[0], g[1]); }
            default: return new double[] {lng, lat};
        }
    }

    /** Returns a WGS84 copy of {@code g} (same factory); {@code g} itself when already WGS84. */
    public Geometry toWgs84(Geometry g) {
        if (this == WGS84) {
            return g;
        }
        Geometry copy = g.copy();
        copy.apply((CoordinateFilter) c -> {
            double[] w = toWgs84(c.x, c.y);
            c.x = w[0];
            c.y = w[1];
        });
        copy.geometryChanged();
        return copy;
    }

    static boolean outOfChina(double lng, double lat) {
        return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
    }

    static double[] wgsToGcj(double lng, double lat) {
        if (outOfChina(lng, lat)) {
            return new double[] {lng, lat};
        }
        double dLat = transformLat(lng - 105.0, lat - 35.0);
        double dLng = transformLng(lng - 105.0, lat - 35.0);
        double radLat = lat / 180.0 * Math.PI;
        double magic = Math.sin(radLat);
        magic = 1 - EE * magic * magic;
        double sqrtMagic = Math.sqrt(magic);
        dLat = (dLat * 180.0) / ((A * (1 - EE)) / (magic * sqrtMagic) * Math.PI);
        dLng = (dLng * 180.0) / (A / sqrtMagic * Math.cos(radLat) * Math.PI);
        return new double[] {lng + dLng, lat + dLat};
    }

    /** GCJ-02 has no closed-form inverse: fixed-point iteration converges to ~1e-12 deg in a few steps. */
    static double[] gcjToWgs(double lng, double lat) {
        if (outOfChina(lng, lat)) {
            return new double[] {lng, lat};
        }
        double wLng = lng, wLat = lat;
        for (int i = 0; i < 30; i++) {
            double[] g = wgsToGcj(wLng, wLat);
            double eLng = g[0] - lng, eLat = g[1] - lat;
            wLng -= eLng;
            wLat -= eLat;
            if (Math.abs(eLng) < 1e-12 && Math.abs(eLat) < 1e-12) {
                break;
            }
        }
        return new double[] {wLng, wLat};
    }

    static double[] gcjToBd(double lng, double lat) {
        double z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
        double theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
        return new double[] {z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006};
    }

    /** The usual closed-form BD→GCJ is off by ~1e-6 deg; refine it against the forward formula. */
    static double[] bdToGcj(double lng, double lat) {
        double x = lng - 0.0065, y = lat - 0.006;
        double z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
        double theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
        double gLng = z * Math.cos(theta), gLat = z * Math.sin(theta);
        for (int i = 0; i < 10; i++) {
            double[] b = gcjToBd(gLng, gLat);
            double eLng = b[0] - lng, eLat = b[1] - lat;
            gLng -= eLng;
            gLat -= eLat;
            if (Math.abs(eLng) < 1e-12 && Math.abs(eLat) < 1e-12) {
                break;
            }
        }
        return new double[] {gLng, gLat};
    }

    private static double transformLat(double x, double y) {
        double r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin(y / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (160.0 * Math.sin(y / 12.0 * Math.PI) + 320 * Math.sin(y * Math.PI / 30.0)) * 2.0 / 3.0;
        return r;
    }

    private static double transformLng(double x, double y) {
        double r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
        r += (20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0 / 3.0;
        r += (20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin(x / 3.0 * Math.PI)) * 2.0 / 3.0;
        r += (150.0 * Math.sin(x / 12.0 * Math.PI) + 300.0 * Math.sin(x / 30.0 * Math.PI)) * 2.0 / 3.0;
        return r;
    }
}

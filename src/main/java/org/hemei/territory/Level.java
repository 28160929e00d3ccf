package org.hemei.territory;

/** A node's level in the administrative tree, told apart by the length of its code. */
public enum Level {
    CITY, DISTRICT, STREET, COMMUNITY, GRID;

    public static Level ofCode(String code) {
        return switch (code.length()) {
            case 6 -> code.endsWith("00") ? CITY : DISTRICT;
            case 9 -> STREET;
            case 12 -> COMMUNITY;
            case 15 -> GRID;
            default -> throw new IllegalArgumentException("not a division code: " + code);
        };
    }

    public String apiName() {
        return name().toLowerCase();
    }
}

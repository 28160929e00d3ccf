package org.hemei.territory;

/**
 * A node of the administrative tree. {@code kind} refines the level: street|town|township for streets,
 * community|village for communities (843 of Changsha's are urban communities).
 */
public record Division(String code, String name, String shortName, Level level, String kind, String parentCode) {

    /** The parent codes from the city down, derived from the code itself. */
    public static String parentOf(String code) {
        return switch (Level.ofCode(code)) {
            case CITY -> null;
            case DISTRICT -> code.substring(0, 4) + "00";
            case STREET -> code.substring(0, 6);
            case COMMUNITY -> code.substring(0, 9);
            case GRID -> code.substring(0, 12);
        };
    }
}

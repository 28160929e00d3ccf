package org.hemei.duty;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.hemei.identity.Scope;

/**
 * One rule of the dispatch catalogue 派单目录: for a category, over a territory (a level meaning "every place of
 * that level", or one division node and the places under it), optionally only for an urgency or a channel, who
 * leads (a unit, or a unit type resolved at the place) and who assists; in force from effectiveFrom to effectiveTo
 * (inclusive; open when null). Higher precedence wins; at equal precedence the more specific rule wins
 * ({@link #specificity()}).
 */
public record DispatchRule(long id, String categoryCode, String territoryLevel, String territoryCode, String territoryName,
        String urgency, String channel, String leadType, Long leadUnitId, String leadName, List<String> assistingTypes,
        List<Long> assistingUnitIds, int precedence, LocalDate effectiveFrom, LocalDate effectiveTo, String note,
        boolean seeded, OffsetDateTime createdAt, String createdBy, OffsetDateTime endedAt, String endedBy, String endReason,
        int version) {

    public static final List<String> LEVELS = List.of("CITY", "DISTRICT", "STREET");

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
    }

    /** Whether the rule's territory holds the place: a level needs a place known at least to that level. */
    public boolean covers(String placeCode) {
        if (territoryCode != null) return placeCode.startsWith(Scope.prefix(territoryCode));
        if (!placeCode.startsWith(Scope.prefix(Scope.CITY))) return false;
        return switch (territoryLevel) {
            case "DISTRICT" -> placeCode.length() >= 6 && !placeCode.equals(Scope.CITY);
            case "STREET" -> placeCode.length() >= 9;
            default -> true;
        };
    }

    /** A condition the order does not state (null) is not met. */
    public boolean conditionsMet(String orderUrgency, String orderChannel) {
        return (urgency == null || urgency.equals(orderUrgency)) && (channel == null || channel.equals(orderChannel));
    }

    /**
     * Tie-break at equal precedence, larger = more specific. A division node beats any level, a deeper node a
     * shallower one (grid > community > street > district > city node); among levels STREET > DISTRICT > CITY.
     * Only at equal territory does a rule with more conditions (urgency, channel) count as more specific.
     */
    public int specificity() {
        int territory = territoryCode != null ? 10 * depth(territoryCode) + 10 : switch (territoryLevel) {
            case "STREET" -> 3;
            case "DISTRICT" -> 2;
            default -> 1;
        };
        return territory * 10 + (urgency == null ? 0 : 1) + (channel == null ? 0 : 1);
    }

    private static int depth(String code) {
        return switch (code.length()) {
            case 6 -> code.equals(Scope.CITY) ? 1 : 2;
            case 9 -> 3;
            case 12 -> 4;
            default -> 5;
        };
    }

    /** "rule #12 (芙蓉区, precedence 0, 2025-01-01 → open)" in Chinese and English. */
    public String describe() {
        return describeChinese() + " / " + describeEnglish();
    }

    public String describeChinese() {
        return "派单目录规则 #" + id + "（" + territoryChinese() + "，优先级 " + precedence + "，" + effectiveFrom + " 至 "
                + (effectiveTo == null ? "长期" : effectiveTo.toString()) + conditionsChinese() + "）";
    }

    public String describeEnglish() {
        return "dispatch rule #" + id + " (" + territoryEnglish() + ", precedence " + precedence + ", " + effectiveFrom + " to "
                + (effectiveTo == null ? "open" : effectiveTo.toString()) + conditionsEnglish() + ")";
    }

    public String territoryChinese() {
        if (territoryCode != null) return (territoryName == null ? territoryCode : territoryName) + "（" + territoryCode + "）";
        return switch (territoryLevel) {
            case "STREET" -> "各街道（按地点所在街道）";
            case "DISTRICT" -> "各区县（按地点所在区县）";
            default -> "全市";
        };
    }

    public String territoryEnglish() {
        if (territoryCode != null) return "node " + territoryCode;
        return "every " + territoryLevel.toLowerCase() + ", resolved at the place";
    }

    private String conditionsChinese() {
        return (urgency == null ? "" : "，紧急程度 " + urgency) + (channel == null ? "" : "，渠道 " + channel);
    }

    private String conditionsEnglish() {
        return (urgency == null ? "" : ", urgency " + urgency) + (channel == null ? "" : ", channel " + channel);
    }
}

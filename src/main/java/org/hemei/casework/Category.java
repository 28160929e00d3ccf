package org.hemei.casework;

import java.util.List;

/**
 * A demand category 诉求类别: its time limits, who leads and assists, whether the result is verified on site,
 * and for major hazards the departments of its emergency plan. {@code lead} and {@code assisting} hold
 * department types (e.g. CHENGGUAN) or STREET / COMMUNITY for the territorial units of the place; {@code keywords}
 * are words of a demand that point to the category (停水 → 供水问题), to order the proposals at intake.
 */
public record Category(String code, String name, String nameEn, String level1, Kind kind, TimeLimit signLimit,
        TimeLimit handleLimit, String lead, List<String> assisting, boolean verify, List<String> emergencyPlan,
        List<String> keywords) {

    /** Consultations are answered at intake; emergencies are major hazards with an emergency plan. */
    public enum Kind { CONSULTATION, EMERGENCY, UTILITY, GENERAL, COMPLEX }

    /** The name in the language the page is shown in (the Chinese name when there is no English one). */
    public String label() {
        return org.hemei.shared.Languages.english() && nameEn != null && !nameEn.isBlank() ? nameEn : name;
    }

    public boolean majorHazard() {
        return kind == Kind.EMERGENCY;
    }
}

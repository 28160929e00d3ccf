package org.hemei.identity;

/**
 * Masks names and phone numbers (PIPL): shown in full only to those who reveal them, and every reveal is
 * written to the {@link AuditLog}.
 */
public final class PersonalData {

    private PersonalData() {
    }

    /**
     * A phone number as stored and looked up: without the dashes and spaces people type (0731-8888 8888 →
     * 073188888888), so one caller's calls find each other; blank → null.
     */
    public static String phone(String typed) {
        if (typed == null || typed.isBlank()) return null;
        return typed.strip().replace("-", "").replace(" ", "");
    }

    /** Whether a number from {@link #phone} is one: an optional + and 5 to 20 digits. */
    public static boolean isPhone(String stored) {
        return stored != null && stored.matches("\\+?[0-9]{5,20}");
    }

    /** 13812341234 → 138****1234; short numbers keep only their last two digits. */
    public static String maskPhone(String phone) {
        if (phone == null || phone.isBlank()) return phone;
        String p = phone.strip();
        if (p.length() >= 11) return p.substring(0, 3) + "****" + p.substring(p.length() - 4);
        if (p.length() <= 2) return "*".repeat(p.length());
        return "*".repeat(p.length() - 2) + p.substring(p.length() - 2);
    }

    /** 张三丰 → 张**; Latin names keep their first letter. */
    public static String maskName(String name) {
        if (name == null || name.isBlank()) return name;
        String n = name.strip();
        int first = n.offsetByCodePoints(0, 1);
        return n.substring(0, first) + "*".repeat(Math.max(1, n.codePointCount(first, n.length())));
    }
}

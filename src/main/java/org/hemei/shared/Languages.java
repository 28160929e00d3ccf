package org.hemei.shared;

import org.springframework.context.i18n.LocaleContextHolder;

/** The language a page is being shown in, for names kept in both languages outside the message bundles. */
public final class Languages {

    private Languages() {
    }

    /** A "/ " after a space or Chinese punctuation: where a "中文 / English" message turns to English. */
    private static final java.util.regex.Pattern SEPARATOR = java.util.regex.Pattern.compile("(?: |(?<=[）」。，：；]))/ ");

    /**
     * The half of a server message written "中文 / English" that is in the page's language, so a person reads one
     * language (the API keeps both); on a Chinese page both halves when only the English one gives the details. A
     * text that is not such a pair (no Chinese before the separator, or no Latin letter or digit after it) is shown
     * as it is.
     */
    public static String pick(String text) {
        if (text == null) return null;
        String[] pair = halves(text);
        if (pair == null) return text;
        return english() ? pair[1] : keepsDetails(pair[0], pair[1]) ? pair[0] : text;
    }

    /**
     * Joins messages half by half into one "中文 / English" pair: a pair's Chinese goes to the first half and its
     * English to the second; a plain text (a person's own note, in whatever language they wrote) goes to both, so
     * either half reads whole. Blank parts are left out; null when nothing is left.
     */
    public static String both(String... parts) {
        java.util.List<String> chinese = new java.util.ArrayList<>(), english = new java.util.ArrayList<>();
        boolean paired = false;
        for (String part : parts) {
            if (part == null || part.isBlank()) continue;
            String[] pair = halves(part.strip());
            paired |= pair != null;
            chinese.add(pair == null ? part.strip() : pair[0]);
            english.add(pair == null ? part.strip() : pair[1]);
        }
        if (chinese.isEmpty()) return null;
        return paired ? String.join("；", chinese) + " / " + String.join("; ", english) : String.join("；", chinese);
    }

    /** The Chinese and English halves of a "中文 / English" message, or null when the text is not such a pair. */
    private static String[] halves(String text) {
        java.util.regex.Matcher m = SEPARATOR.matcher(text);
        while (m.find()) {
            String chinese = text.substring(0, m.start()).strip(), english = text.substring(m.end()).strip();
            if (chinese.codePoints().anyMatch(Languages::isHan) && !english.isEmpty() && english.charAt(0) < 0x2E80) {
                return new String[] { chinese, english };
            }
        }
        return null;
    }

    /** Numbers, codes, dates and Chinese names: the details a message must not lose. */
    private static final java.util.regex.Pattern DETAIL = java.util.regex.Pattern.compile("[\\w.:/-]*\\d[\\w.:/-]*|\\p{IsHan}+");

    /**
     * Many messages give their details (the number, the value typed) in the English half only; a Chinese page then
     * shows both halves rather than lose them.
     */
    private static boolean keepsDetails(String chinese, String english) {
        java.util.regex.Matcher detail = DETAIL.matcher(english);
        while (detail.find()) {
            if (!chinese.contains(detail.group().replaceAll("[.:]+$", ""))) return false;
        }
        int colon = english.lastIndexOf(": ");
        String value = colon < 0 ? "" : english.substring(colon + 2).strip();
        return value.isEmpty() || value.contains(" ") || value.endsWith(")") || chinese.contains(value);
    }

    private static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /** True when the request asked for English; Chinese otherwise (the default). */
    public static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }
}

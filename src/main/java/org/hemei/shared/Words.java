package org.hemei.shared;

import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Words from the page message bundles, for server messages written in both languages ("中文 / English"), so a
 * refusal names a status or an action as the pages do rather than by its code.
 */
public final class Words {

    private static final ResourceBundle.Control EXACT = ResourceBundle.Control.getNoFallbackControl(
            ResourceBundle.Control.FORMAT_PROPERTIES);
    private static final ResourceBundle CHINESE = ResourceBundle.getBundle("messages", Locale.ROOT, EXACT);
    private static final ResourceBundle ENGLISH = ResourceBundle.getBundle("messages", Locale.ENGLISH, EXACT);

    private Words() {
    }

    /** The key itself where a bundle lacks it, so a missing word shows rather than fails. */
    public static String chinese(String key) {
        return CHINESE.containsKey(key) ? CHINESE.getString(key) : key;
    }

    public static String english(String key) {
        return ENGLISH.containsKey(key) ? ENGLISH.getString(key) : key;
    }
}

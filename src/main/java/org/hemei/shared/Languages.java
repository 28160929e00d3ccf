package org.hemei.shared;

import org.springframework.context.i18n.LocaleContextHolder;

/** The language a page is being shown in, for names kept in both languages outside the message bundles. */
public final class Languages {

    private Languages() {
    }

    /** True when the request asked for English; Chinese otherwise (the default). */
    public static boolean english() {
        return "en".equals(LocaleContextHolder.getLocale().getLanguage());
    }
}

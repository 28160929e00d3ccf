package org.hemei.shared;

import org.springframework.stereotype.Component;

/** {@link Languages#pick} for templates: {@code ${@lang.pick(error)}} shows a server message in the page's language. */
@Component("lang")
public class PageLanguage {

    public String pick(String text) {
        return Languages.pick(text);
    }
}

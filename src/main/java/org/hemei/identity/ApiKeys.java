package org.hemei.identity;

import jakarta.servlet.http.HttpServletRequest;

/** How a request carries an API key: {@code Authorization: Bearer <key>}. */
public final class ApiKeys {

    private static final String BEARER = "Bearer ";

    private ApiKeys() {
    }

    /** A request signed with a key: it is that key's account, whatever session cookie it also carries. */
    public static boolean isBearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length());
    }

    /** The key of a {@link #isBearer bearer} request. */
    public static String key(HttpServletRequest request) {
        return request.getHeader("Authorization").substring(BEARER.length()).strip();
    }
}

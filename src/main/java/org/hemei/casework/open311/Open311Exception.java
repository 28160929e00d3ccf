package org.hemei.casework.open311;

/**
 * A GeoReport v2 error: 404 for what does not exist (service code, request, token, jurisdiction), 403 for a
 * missing or invalid {@code api_key}, 413 for a body too large to read, 400 for anything else the request got wrong.
 */
class Open311Exception extends RuntimeException {

    final int status;

    Open311Exception(int status, String description) {
        super(description);
        this.status = status;
    }

    static Open311Exception badRequest(String description) {
        return new Open311Exception(400, description);
    }

    static Open311Exception notFound(String description) {
        return new Open311Exception(404, description);
    }

    static Open311Exception forbidden(String description) {
        return new Open311Exception(403, description);
    }
}

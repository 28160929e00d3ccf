package org.hemei.shared;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The one error body every JSON endpoint returns: {@code {"status":404,"error":"Not Found","message":"..."}}.
 * {@code problems} lists every problem when a whole document was rejected (e.g. a GeoJSON import).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(int status, String error, String message, List<?> problems) {

    public ApiError(int status, String error, String message) {
        this(status, error, message, null);
    }
}

package org.hemei.casework.open311;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hemei.shared.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Every failure of an Open311 resource as the spec's error list, in the format the resource was asked in:
 * {@code [{"code":400,"description":"…"}]} or {@code <errors><error><code>…}. Ahead of the application's
 * own error format, which the rest of {@code /api} keeps.
 */
@RestControllerAdvice(assignableTypes = Open311Api.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class Open311Errors {

    private static final Logger log = LoggerFactory.getLogger(Open311Errors.class);

    @ExceptionHandler(Open311Exception.class)
    ResponseEntity<byte[]> open311(Open311Exception e, HttpServletRequest request) {
        return error(request, e.status, e.getMessage());
    }

    /** Refusals of the work-order engine (bad phone number, unknown division, text too long …) keep their status. */
    @ExceptionHandler(DomainException.class)
    ResponseEntity<byte[]> domain(DomainException e, HttpServletRequest request) {
        int status = e.status().value();
        return error(request, status == 404 || status == 403 ? status : 400, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<byte[]> denied(AccessDeniedException e, HttpServletRequest request) {
        return error(request, 403, "该 API 密钥无权执行此操作 / this api_key may not do this");
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<byte[]> other(Exception e, HttpServletRequest request) {
        if (e instanceof org.springframework.web.ErrorResponse response && response.getStatusCode().is4xxClientError()) {
            int status = response.getStatusCode().value();
            return error(request, status == 404 ? 404 : 400, "请求无效 / the request is invalid: " + e.getMessage());
        }
        log.error("Open311 request failed", e);
        return error(request, 400, "服务处理失败，请联系 12345 / general service error, please tell us: the failure has been logged");
    }

    static ResponseEntity<byte[]> error(HttpServletRequest request, int status, String description) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", status);
        error.put("description", description);
        return Open311Format.of(request.getRequestURI()).render(status, "errors", List.of(error));
    }
}

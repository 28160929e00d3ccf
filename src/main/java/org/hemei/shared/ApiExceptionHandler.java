package org.hemei.shared;

import jakarta.validation.ConstraintViolationException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.BindException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Turns every failure of a JSON endpoint into an {@link ApiError} with the right status (before the pages' handler). */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /** Shared with the pages' handler. */
    public static final String DATABASE_REFUSED = "输入有误：有内容过长或缺少必填项，未保存任何内容 / the input was refused: a value is too long"
            + " or a required one is missing; nothing was saved";

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ApiError> domain(DomainException e) {
        return body(e.status(), e.getMessage(), e.problems());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<ApiError> denied(AccessDeniedException e) {
        return body(HttpStatus.FORBIDDEN, "无权执行此操作 / you are not allowed to do this", null);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ApiError> stale(OptimisticLockingFailureException e) {
        return body(HttpStatus.CONFLICT, DomainException.STALE, null);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ApiError> duplicate(DuplicateKeyException e) {
        return body(HttpStatus.CONFLICT, "记录已存在 / a record with this key already exists", null);
    }

    /** A value the database refuses (too long, missing) that no check caught: the caller's input, so 400, nothing written. */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ApiError> refusedByDatabase(DataIntegrityViolationException e) {
        log.warn("Input refused by the database (a check is missing): {}", e.getMostSpecificCause().getMessage());
        return body(HttpStatus.BAD_REQUEST, DATABASE_REFUSED, null);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ApiError> missing(MissingServletRequestParameterException e) {
        return body(HttpStatus.BAD_REQUEST, "缺少参数 " + e.getParameterName() + " / missing parameter " + e.getParameterName(), null);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e) {
        String type = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName().toLowerCase();
        return body(HttpStatus.BAD_REQUEST, "参数 " + e.getName() + " 格式不正确 / parameter " + e.getName()
                + " must be a " + (Number.class.isAssignableFrom(box(e.getRequiredType())) ? "number" : type)
                + " (got \"" + e.getValue() + "\")", null);
    }

    @ExceptionHandler(BindException.class) // MethodArgumentNotValidException among them
    ResponseEntity<ApiError> invalid(BindException e) {
        String fields = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage()).collect(Collectors.joining("; "));
        return body(HttpStatus.BAD_REQUEST, "输入有误 / invalid input: " + fields, null);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ApiError> violated(ConstraintViolationException e) {
        return body(HttpStatus.BAD_REQUEST, "输入有误 / invalid input: " + e.getMessage(), null);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e) {
        if (e.getCause() instanceof tools.jackson.databind.DatabindException bad && !bad.getPath().isEmpty()) {
            String field = bad.getPath().stream().map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            return body(HttpStatus.BAD_REQUEST, "字段 " + field + " 缺失或格式不正确 / field " + field + " is missing or invalid", null);
        }
        return body(HttpStatus.BAD_REQUEST, "请求体不是有效的 JSON / the request body is not valid JSON", null);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e) {
        return body(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "不支持的内容类型 / unsupported content type: " + e.getContentType(), null);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e) {
        return body(HttpStatus.METHOD_NOT_ALLOWED, "不支持的请求方法 / method not allowed: " + e.getMethod(), null);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ApiError> noResource(NoResourceFoundException e) {
        return body(HttpStatus.NOT_FOUND, "未找到 / not found", null);
    }

    /** An upload over the servlet's multipart limit (the application's own, smaller limits answer 413 themselves). */
    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ResponseEntity<ApiError> uploadTooLarge(MaxUploadSizeExceededException e) {
        return body(HttpStatus.CONTENT_TOO_LARGE, "上传的文件过大 / the upload is too large"
                + (e.getMaxUploadSize() > 0 ? ": at most " + e.getMaxUploadSize() / 1048576 + " MB" : ""), null);
    }

    /**
     * The container refuses an upload over its multipart limit when anything first reads a request parameter (Tomcat
     * throws an IllegalStateException whose cause is a size-limit exception): the same 413.
     */
    @ExceptionHandler(IllegalStateException.class)
    ResponseEntity<ApiError> illegalState(IllegalStateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getClass().getSimpleName().endsWith("SizeLimitExceededException")) {
                return body(HttpStatus.CONTENT_TOO_LARGE, "上传的文件过大 / the upload is too large: " + t.getMessage(), null);
            }
        }
        return unexpected(e);
    }

    @ExceptionHandler(MultipartException.class)
    ResponseEntity<ApiError> badMultipart(MultipartException e) {
        return body(HttpStatus.BAD_REQUEST, "无法读取上传的文件 / the multipart upload cannot be read: " + e.getMessage(), null);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ApiError> unexpected(Exception e) {
        log.error("Unexpected API failure", e);
        return body(HttpStatus.INTERNAL_SERVER_ERROR, "服务器内部错误，已记录 / internal error, it has been logged", null);
    }

    private static Class<?> box(Class<?> type) {
        if (type == null) return Object.class;
        if (type == double.class || type == int.class || type == long.class || type == float.class) return Number.class;
        return type;
    }

    static ResponseEntity<ApiError> body(HttpStatus status, String message, java.util.List<?> problems) {
        return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(), message, problems));
    }
}

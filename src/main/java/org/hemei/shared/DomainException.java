package org.hemei.shared;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal a person can act on, carrying its HTTP status. Messages are Chinese first, English second.
 * Thrown before anything is changed, or inside the transaction that it rolls back.
 */
public class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final List<?> problems;

    public DomainException(HttpStatus status, String message) {
        this(status, message, null);
    }

    public DomainException(HttpStatus status, String message, List<?> problems) {
        super(message);
        this.status = status;
        this.problems = problems;
    }

    public HttpStatus status() {
        return status;
    }

    public List<?> problems() {
        return problems;
    }

    public static DomainException notFound(String message) {
        return new DomainException(HttpStatus.NOT_FOUND, message);
    }

    public static DomainException badRequest(String message) {
        return new DomainException(HttpStatus.BAD_REQUEST, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(HttpStatus.CONFLICT, message);
    }

    public static DomainException unprocessable(String message, List<?> problems) {
        return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, message, problems);
    }
}

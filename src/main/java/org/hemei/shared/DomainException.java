package org.hemei.shared;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * A refusal a person can act on, carrying its HTTP status. Messages are Chinese first, English second.
 * Thrown before anything is changed, or inside the transaction that it rolls back.
 */
public class DomainException extends RuntimeException {

    /** What a person is told when someone else changed the record first (optimistic locking). */
    public static final String STALE = "记录已被他人修改，请刷新后重试 / someone else changed this record first: reload and try again";

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

    /** An update must say which version it read: without it a second person's edit would undo the first's unseen. */
    public static void requireVersion(Integer version) {
        if (version == null) throw badRequest("请提供 version（读取记录时得到）/ version is required (from the record you read)");
    }

    public static DomainException conflict(String message) {
        return new DomainException(HttpStatus.CONFLICT, message);
    }

    public static DomainException unprocessable(String message, List<?> problems) {
        return new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, message, problems);
    }
}

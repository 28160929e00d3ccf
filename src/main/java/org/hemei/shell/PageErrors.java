package org.hemei.shell;

import java.util.stream.Collectors;
import org.hemei.shared.ApiExceptionHandler;
import org.hemei.shared.DomainException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page form or link with a value of the wrong kind (a word where an id or a date goes) gets a 400 page saying which
 * field and what was typed, with a way back to the filled-in form; a refusal ({@link DomainException}) its own status
 * and message. JSON endpoints have their own handler, ordered first.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(BindException.class)
    ModelAndView unbindable(BindException e) {
        return correct(e.getFieldErrors().stream().map(PageErrors::describe).collect(Collectors.joining("；")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mismatch(MethodArgumentTypeMismatchException e) {
        return correct(describe(e.getName(), e.getValue()));
    }

    /** A refusal no page caught itself, e.g. a link to an order that does not exist: its status and message, not a 500. */
    @ExceptionHandler(DomainException.class)
    ModelAndView refused(DomainException e) {
        return page(e.status(), e.getMessage());
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ModelAndView duplicate(DuplicateKeyException e) {
        return page(HttpStatus.CONFLICT, "记录已存在，请返回修改 / a record with this key already exists: go back and correct it");
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView refusedByDatabase(DataIntegrityViolationException e) {
        log.warn("Input refused by the database (a check is missing): {}", e.getMostSpecificCause().getMessage());
        return page(HttpStatus.BAD_REQUEST, ApiExceptionHandler.DATABASE_REFUSED);
    }

    private static String describe(FieldError f) {
        return describe(f.getField(), f.getRejectedValue());
    }

    private static String describe(String field, Object value) {
        return "“" + value + "”不是有效的 " + field + " / \"" + value + "\" is not a valid " + field;
    }

    private static ModelAndView correct(String what) {
        return page(HttpStatus.BAD_REQUEST, "输入有误，请返回修改 / please go back and correct: " + what);
    }

    private static ModelAndView page(HttpStatus status, String message) {
        ModelAndView page = new ModelAndView("error", status);
        page.addObject("status", status.value());
        page.addObject("message", message);
        page.addObject("back", true);
        return page;
    }
}

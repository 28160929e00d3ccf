package org.hemei.shell;

import java.util.stream.Collectors;
import org.hemei.shared.ApiExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
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
 * field and what was typed, with a way back to the filled-in form; JSON endpoints have their own handler, ordered first.
 */
@ControllerAdvice(annotations = Controller.class)
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(BindException.class)
    ModelAndView unbindable(BindException e) {
        return badRequest(e.getFieldErrors().stream().map(PageErrors::describe).collect(Collectors.joining("；")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ModelAndView mismatch(MethodArgumentTypeMismatchException e) {
        return badRequest(describe(e.getName(), e.getValue()));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ModelAndView refusedByDatabase(DataIntegrityViolationException e) {
        log.warn("Input refused by the database (a check is missing): {}", e.getMostSpecificCause().getMessage());
        ModelAndView page = badRequest("");
        page.addObject("message", ApiExceptionHandler.DATABASE_REFUSED);
        return page;
    }

    private static String describe(FieldError f) {
        return describe(f.getField(), f.getRejectedValue());
    }

    private static String describe(String field, Object value) {
        return "“" + value + "”不是有效的 " + field + " / \"" + value + "\" is not a valid " + field;
    }

    private static ModelAndView badRequest(String message) {
        ModelAndView page = new ModelAndView("error", HttpStatus.BAD_REQUEST);
        page.addObject("status", 400);
        page.addObject("message", "输入有误，请返回修改 / please go back and correct: " + message);
        page.addObject("back", true);
        return page;
    }
}

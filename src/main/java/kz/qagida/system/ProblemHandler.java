package kz.qagida.system;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;


import kz.qagida.check.FieldProblem;
import kz.qagida.check.InvalidRequestException;
import kz.qagida.check.Problems;

/**
 * Every error is RFC 9457 problem details. Bad input is a 400 with an {@code errors} list of
 * {@code {field, message}}; nothing a client sends yields a 500 or a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(Problems.invalidRequest(e.errors()));
    }

    @ExceptionHandler(kz.qagida.rules.EvaluationTooLargeException.class)
    ResponseEntity<Object> evaluationTooLarge(kz.qagida.rules.EvaluationTooLargeException e) {
        return ResponseEntity.unprocessableContent().body(Problems.tooLarge(e));
    }

    @ExceptionHandler(BodyTooSlowException.class)
    ResponseEntity<Object> tooSlow(BodyTooSlowException e) {
        return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT).header(org.springframework.http.HttpHeaders.CONNECTION, "close")
                .body(Problems.of(HttpStatus.REQUEST_TIMEOUT, "/problems/body-too-slow", "Request body too slow", e.getMessage()));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(Problems.of(HttpStatus.CONTENT_TOO_LARGE,
                "/problems/body-too-large", "Request body too large", e.getMessage()));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error", e);
        return ResponseEntity.internalServerError()
                .body(Problems.internalError("The service failed to answer; the error has been logged."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        for (FieldError fe : ex.getBindingResult().getFieldErrors()) {
            errors.add(new FieldProblem(fe.getField(), fe.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors()
                .forEach(ge -> errors.add(new FieldProblem(ge.getObjectName(), ge.getDefaultMessage())));
        return ResponseEntity.badRequest().body(Problems.invalidRequest(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return tooLarge(tooLarge);
        }
        if (cause instanceof BodyTooSlowException slow) {
            return tooSlow(slow);
        }
        FieldProblem error = Problems.fromJackson(cause);
        if (error == null) {
            boolean missing = ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing");
            error = new FieldProblem("body", missing ? "a JSON body is required" : "the body is not a readable check request");
        }
        return ResponseEntity.badRequest().body(Problems.invalidRequest(List.of(error)));
    }
}

package kz.qagida.system;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

import kz.qagida.check.FieldProblem;
import kz.qagida.check.InvalidRequestException;

/**
 * Every error is RFC 9457 problem details. Bad input is a 400 with an {@code errors} list of
 * {@code {field, message}}; nothing a client sends yields a 500 or a stack trace.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException e) {
        return ResponseEntity.badRequest().body(invalidRequest(e.errors()));
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        problem.setType(URI.create("/problems/body-too-large"));
        problem.setTitle("Request body too large");
        return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Unexpected error", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed to answer; the error has been logged.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
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
        return ResponseEntity.badRequest().body(invalidRequest(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = ex.getCause();
        if (cause instanceof PayloadTooLargeException tooLarge) {
            return tooLarge(tooLarge);
        }
        FieldProblem error;
        if (cause instanceof InvalidFormatException ife) {
            error = new FieldProblem(path(ife), "'" + ife.getValue() + "' is not a valid " + describe(ife.getTargetType()));
        } else if (cause instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            error = new FieldProblem(path(mie), "expected " + describe(mie.getTargetType()));
        } else if (cause instanceof MismatchedInputException) {
            error = new FieldProblem("body", "expected a JSON object with at least person.citizenship");
        } else if (cause instanceof StreamReadException sre) {
            String where = sre.getLocation() == null ? "" : " at line " + sre.getLocation().getLineNr() + ", column "
                    + sre.getLocation().getColumnNr();
            error = new FieldProblem("body", "malformed JSON" + where);
        } else if (cause instanceof JacksonException je && je.getPath() != null && !je.getPath().isEmpty()) {
            error = new FieldProblem(path(je), "cannot be read: " + je.getOriginalMessage());
        } else if (ex.getMessage() != null && ex.getMessage().startsWith("Required request body is missing")) {
            error = new FieldProblem("body", "a JSON body is required");
        } else {
            error = new FieldProblem("body", "the body is not a readable check request");
        }
        return ResponseEntity.badRequest().body(invalidRequest(List.of(error)));
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString());
            }
            return "value; one of " + names;
        }
        return switch (type.getSimpleName()) {
            case "LocalDate" -> "date (yyyy-MM-dd)";
            case "Integer", "int", "Long", "long" -> "whole number";
            case "Boolean", "boolean" -> "boolean (true or false)";
            case "String" -> "string";
            case "List" -> "array";
            default -> "object";
        };
    }

    /** The JSON path of the failing value: {@code stays[1].exit}. */
    static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static ProblemDetail invalidRequest(List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid; see errors");
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}

package kz.qagida.check;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every problem-details answer is built here (RFC 9457): bad input, refusals, conflicts, unavailable
 * stores, internal errors, and the bodies the filters write before Spring MVC runs.
 */
public final class Problems {

    public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
    public static final URI EVALUATION_TOO_LARGE = URI.create("/problems/evaluation-too-large");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** A problem of {@code status}; {@code type} is a path such as {@code /problems/forbidden}, or null. */
    public static ProblemDetail of(HttpStatusCode status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (type != null) {
            problem.setType(URI.create(type));
        }
        problem.setTitle(title);
        return problem;
    }

    /** The same, as an exception Spring MVC renders as it is. */
    public static ErrorResponseException error(HttpStatusCode status, String type, String title, String detail,
            Throwable cause) {
        return new ErrorResponseException(status, of(status, type, title, detail), cause);
    }

    /** A 500 that says nothing of the cause (which is logged). */
    public static ProblemDetail internalError(String detail) {
        return of(HttpStatus.INTERNAL_SERVER_ERROR, null, "Internal error", detail);
    }

    /**
     * A problem's JSON for a filter that answers before Spring MVC runs: the five standard members,
     * {@code instance} being the request's path.
     */
    public static byte[] json(ProblemDetail problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (problem.getType() != null && !"about:blank".equals(problem.getType().toString())) {
            body.put("type", problem.getType().toString());
        }
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", instance);
        return JSON.writeValueAsBytes(body);
    }

    /** A 400 naming each invalid field. */
    public static ProblemDetail invalidRequest(List<FieldProblem> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, INVALID_REQUEST.toString(), "Invalid request",
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid; see errors");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** A 422 saying which ceiling of one evaluation (firings, answer size) a valid check went past. */
    public static ProblemDetail tooLarge(kz.qagida.rules.EvaluationTooLargeException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage()
                + "; nothing was recorded. Split the check (fewer stays) or ask the operator about the ceiling.");
        problem.setType(EVALUATION_TOO_LARGE);
        problem.setTitle("Check too large");
        problem.setProperty("ceiling", e.ceiling());
        problem.setProperty("limit", e.limit());
        return problem;
    }

    /** What a JSON reading failure says about the body, or null when it is not a Jackson failure. */
    public static FieldProblem fromJackson(Throwable cause) {
        if (cause instanceof InvalidFormatException ife) {
            return new FieldProblem(path(ife), "'" + ife.getValue() + "' is not a valid " + describe(ife.getTargetType()));
        } else if (cause instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
            return new FieldProblem(path(mie), "expected " + describe(mie.getTargetType()));
        } else if (cause instanceof MismatchedInputException) {
            return new FieldProblem("body", "expected a JSON object with at least person.citizenship");
        } else if (cause instanceof InputCoercionException ice && ice.getPath() != null && !ice.getPath().isEmpty()) {
            return new FieldProblem(path(ice), "number out of range for " + describe(ice.getTargetType()));
        } else if (cause instanceof StreamReadException sre) {
            String where = sre.getLocation() == null ? "" : " at line " + sre.getLocation().getLineNr() + ", column "
                    + sre.getLocation().getColumnNr();
            return new FieldProblem("body", "malformed JSON" + where);
        } else if (cause instanceof ValueInstantiationException vie) {
            // a record's constructor refused the values, e.g. List.copyOf on a list holding null
            return new FieldProblem(path(vie), "cannot be read: a value in it is missing or misplaced (lists may not hold null)");
        } else if (cause instanceof JacksonException je && je.getPath() != null && !je.getPath().isEmpty()) {
            String message = je.getOriginalMessage();
            boolean internal = message == null || message.contains("`") || message.contains("Exception") || message.contains("kz.");
            return new FieldProblem(path(je), internal ? "cannot be read" : "cannot be read: " + message);
        }
        return null;
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
    public static String path(JacksonException e) {
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
}

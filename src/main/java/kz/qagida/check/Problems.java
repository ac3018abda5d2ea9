package kz.qagida.check;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/** Problem details for bad input, shared by the single check, the batch and the error handler. */
public final class Problems {

    public static final URI INVALID_REQUEST = URI.create("/problems/invalid-request");
    public static final URI EVALUATION_TOO_LARGE = URI.create("/problems/evaluation-too-large");

    private Problems() {
    }

    /** A 400 naming each invalid field. */
    public static ProblemDetail invalidRequest(List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid; see errors");
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
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

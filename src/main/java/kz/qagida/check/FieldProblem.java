package kz.qagida.check;

/** One invalid field of a request, by its JSON path ({@code stays[1].exit}). */
public record FieldProblem(String field, String message) {
}

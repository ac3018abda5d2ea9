package kz.qagida.check;

import java.util.List;

/** A request that is well-formed JSON but says something impossible. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldProblem> errors;

    public InvalidRequestException(List<FieldProblem> errors) {
        super(errors.size() + " invalid field(s): " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldProblem> errors() {
        return errors;
    }
}

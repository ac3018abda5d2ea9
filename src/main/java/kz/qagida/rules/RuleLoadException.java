package kz.qagida.rules;

import java.util.List;
import java.util.stream.Collectors;

/** A rules root that must not go live, with every problem found. */
public class RuleLoadException extends RuntimeException {

    private final transient List<Problem> problems;

    public RuleLoadException(List<Problem> problems) {
        super("The rules cannot be loaded:\n  " + problems.stream().map(Problem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }
}

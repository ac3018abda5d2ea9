package kz.qagida.ruleset;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One attempt to change the serving ruleset: which version, when, by whom, and what came of it. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HistoryEntry(String version, Instant at, String by, Outcome outcome, List<Finding> errors,
        List<String> scenarioFailures) {

    public enum Outcome {
        STARTED, ACTIVATED, UNCHANGED, REFUSED, ROLLED_BACK
    }
}

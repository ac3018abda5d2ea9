package kz.qagida.ruleset;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One attempt to change the serving ruleset: which version, when, by whom, which files changed
 * (against the version active then) and what came of it. Kept in the store, so it survives restarts.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record HistoryEntry(String version, Instant at, String by, Outcome outcome, List<Finding> errors,
        List<String> scenarioFailures, List<String> changedFiles) {

    public HistoryEntry(String version, Instant at, String by, Outcome outcome, List<Finding> errors,
            List<String> scenarioFailures) {
        this(version, at, by, outcome, errors, scenarioFailures, List.of());
    }

    /**
     * STARTED: an instance started on the version; SEEDED: the rules folder (or the jar's copy)
     * filled an empty store; STORED: passed the gate, kept as a candidate; ACTIVATED: passed and
     * made active; UNCHANGED: already active; REFUSED: the gate refused it; ROLLED_BACK: an earlier
     * stored version made active again.
     */
    public enum Outcome {
        STARTED, SEEDED, STORED, ACTIVATED, UNCHANGED, REFUSED, ROLLED_BACK
    }
}

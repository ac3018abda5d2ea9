package kz.qagida.ruleset;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What the activation gate found for a candidate rules root: its version, whether it may go
 * live, the errors and warnings (file, line or cell, message) and the scenarios that failed.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GateReport(String version, boolean passed, List<Finding> errors, List<Finding> warnings,
        int scenariosRun, List<String> scenarioFailures) {

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        out.append(passed ? "PASSED " : "REFUSED ").append(version == null ? "(did not compile)" : version).append('\n');
        errors.forEach(e -> out.append("  ").append(e).append('\n'));
        warnings.forEach(w -> out.append("  ").append(w).append('\n'));
        out.append("  scenarios: ").append(scenariosRun).append(" run, ").append(scenarioFailures.size()).append(" failed\n");
        scenarioFailures.forEach(f -> out.append("  FAILED ").append(f).append('\n'));
        return out.toString();
    }
}

package kz.qagida.check;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import kz.qagida.law.Citation;
import kz.qagida.law.Penalty;
import kz.qagida.law.RuleRef;
import kz.qagida.law.Severity;
import kz.qagida.law.Subject;
import kz.qagida.rules.Derivation;
import kz.qagida.rules.FiredRule;

/** The answer to a check (api/CONTRACT.md). */
public record CheckResponse(UUID evaluationId, LocalDate asOf, Ruleset ruleset, Status status,
        List<ConclusionView> conclusions, List<FiredRule> firedRules) {

    public record Ruleset(String version, Instant loadedAt) {
    }

    /** One conclusion; {@code explanation} only with {@code ?explain=true}. */
    public record ConclusionView(String code, Severity severity, Subject subject, String message, LocalDate dueDate,
            Map<String, Object> facts, Penalty penalty, List<Citation> citations, RuleRef rule,
            @JsonInclude(JsonInclude.Include.NON_NULL) Derivation explanation,
            @JsonInclude(JsonInclude.Include.NON_NULL) InterpretationView interpretation) {
    }

    /** The reading a doubtful row or rule chose, and the one it did not (api/CONTRACT.md). */
    public record InterpretationView(String confidence, String chosen, String alternative, List<String> sources) {
    }
}

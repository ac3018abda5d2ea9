package kz.qagida.audit.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.audit.AuditQueries;
import kz.qagida.audit.Replayer;

/** Recorded evaluations: one by id, a filtered page of them, a replay. */
@RestController
class EvaluationController {

    record EvaluationView(UUID evaluationId, long seq, Instant recordedAt, LocalDate asOf, String rulesetVersion,
            String caller, String acceptLanguage, String status, String citizenship, long durationMicros,
            JsonNode request, JsonNode response, JsonNode firedRules, String contentHash, String prevHash,
            String hash, String chain, long chainSeq, boolean undelivered) {
    }

    private final AuditQueries store;
    private final Replayer replayer;
    private final JsonMapper json;

    EvaluationController(AuditQueries store, Replayer replayer, JsonMapper json) {
        this.store = store;
        this.replayer = replayer;
        this.json = json;
    }

    @GetMapping("/api/v1/evaluations/{id}")
    ResponseEntity<EvaluationView> evaluation(@PathVariable UUID id) {
        return ResponseEntity.of(store.find(id).map(r -> new EvaluationView(r.content().evaluationId(), r.seq(),
                r.content().recordedAt(), r.content().asOf(), r.content().rulesetVersion(), r.content().caller(),
                r.content().acceptLanguage(), r.content().status(), r.content().citizenship(),
                r.content().durationMicros(), json.readTree(r.content().requestJson()),
                json.readTree(r.content().responseJson()), json.valueToTree(store.firedRules(r)), r.contentHash(),
                r.prevHash(), r.hash(), r.chainId(), r.chainSeq(), store.undelivered(id))));
    }

    /**
     * Evaluations, newest first. {@code from}/{@code to} bound the recording time (dates are whole
     * days in UTC, {@code to} inclusive); {@code asOfFrom}/{@code asOfTo} bound the date checked.
     */
    @GetMapping("/api/v1/evaluations")
    AuditQueries.Page<AuditQueries.Summary> evaluations(@RequestParam(required = false) String ruleId,
            @RequestParam(required = false) String conclusion, @RequestParam(required = false) String status,
            @RequestParam(required = false) String citizenship,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOfFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOfTo,
            @RequestParam(required = false) String ruleset, @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        return store.search(new AuditQueries.Filter(ruleId, conclusion, status, citizenship, startOf(from),
                to == null ? null : startOf(to.plusDays(1)), asOfFrom, asOfTo, ruleset), Math.max(page, 0),
                Math.min(Math.max(size, 1), 200));
    }

    /** Reruns the recorded request under the ruleset that answered it ({@code ruleset=original}) or the current one. */
    @PostMapping("/api/v1/evaluations/{id}/replay")
    ResponseEntity<Replayer.Replay> replay(@PathVariable UUID id,
            @RequestParam(name = "ruleset", defaultValue = "current") String ruleset) {
        Replayer.Against against = "original".equalsIgnoreCase(ruleset) ? Replayer.Against.ORIGINAL
                : Replayer.Against.CURRENT;
        return ResponseEntity.of(replayer.replay(id, against));
    }

    static Instant startOf(LocalDate day) {
        return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}

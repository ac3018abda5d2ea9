package kz.qagida.audit.web;

import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.audit.AuditQueries;
import kz.qagida.audit.AuditVerifier;

/** The chain's verification, the stored rulesets, and how often a rule fired. */
@RestController
class AuditController {

    private final AuditQueries store;
    private final AuditVerifier verifier;

    AuditController(AuditQueries store, AuditVerifier verifier) {
        this.store = store;
        this.verifier = verifier;
    }

    @GetMapping("/api/v1/audit/verify")
    AuditVerifier.Verification verify() {
        return verifier.verify();
    }

    @GetMapping("/api/v1/audit/rulesets")
    List<AuditQueries.RulesetSummary> rulesets() {
        return store.rulesets();
    }

    /** By rulebook id ({@code EN-2}) or by rule name ({@code EN-2 DE}). */
    @GetMapping("/api/v1/rules/{id}/firings")
    AuditQueries.Firings firings(@PathVariable String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
        return store.firings(id, EvaluationController.startOf(from),
                to == null ? null : EvaluationController.startOf(to.plusDays(1)), Math.max(page, 0),
                Math.min(Math.max(size, 1), 200));
    }
}

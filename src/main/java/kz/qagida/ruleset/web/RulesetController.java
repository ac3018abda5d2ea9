package kz.qagida.ruleset.web;

import java.io.IOException;
import java.io.InputStream;
import java.security.Principal;
import java.time.Instant;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.check.FieldProblem;
import kz.qagida.check.Problems;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;
import kz.qagida.ruleset.GateReport;
import kz.qagida.ruleset.HistoryEntry;
import kz.qagida.ruleset.RulesetService;

@RestController
class RulesetController {

    record FileView(String path, int rules) {
    }

    record RulesetView(String version, Instant loadedAt, int rules, List<FileView> files) {
    }

    record RollbackRequest(String version) {
    }

    private final ActiveRuleBase rules;
    private final RulesetService service;

    RulesetController(ActiveRuleBase rules, RulesetService service) {
        this.rules = rules;
        this.service = service;
    }

    @GetMapping("/api/v1/ruleset")
    RulesetView ruleset() {
        RuleBase base = rules.get();
        List<FileView> files = base.ruleCounts().entrySet().stream()
                .map(e -> new FileView(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
        return new RulesetView(base.version(), base.loadedAt(), base.catalog().size(), files);
    }

    @GetMapping("/api/v1/ruleset/history")
    List<HistoryEntry> history() {
        return service.history();
    }

    /** Reads the rules root again; 200 with the gate's report when live (or unchanged), 422 when refused. */
    @PostMapping("/api/v1/ruleset/reload")
    ResponseEntity<Object> reload(HttpServletRequest request) {
        GateReport report = service.reload(actor(request));
        return report.passed() ? ResponseEntity.ok(report) : refused(report);
    }

    /** Dry run over a zipped candidate rules root: the gate's report, nothing activated. */
    @PostMapping(path = "/api/v1/ruleset/validate", consumes = {"application/zip", "application/octet-stream"})
    GateReport validate(InputStream zip) throws IOException {
        return service.validate(zip);
    }

    @PostMapping("/api/v1/ruleset/rollback")
    ResponseEntity<Object> rollback(@RequestBody RollbackRequest body, HttpServletRequest request) {
        if (body == null || body.version() == null || body.version().isBlank()) {
            return ResponseEntity.badRequest().body(Problems.invalidRequest(List.of(new FieldProblem("version", "required"))));
        }
        return service.rollback(body.version(), actor(request)).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> {
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, null,
                            "Unknown ruleset version", "version " + body.version()
                                    + " is not among the recently active rulesets; see /api/v1/ruleset/history"));
                });
    }

    private static ResponseEntity<Object> refused(GateReport report) {
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "/problems/ruleset-refused", "Ruleset refused",
                report.errors().size() + " error(s), " + report.scenarioFailures().size()
                        + " failing scenario(s); the previous ruleset keeps serving");
        p.setProperty("report", report);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(p);
    }

    private static String actor(HttpServletRequest request) {
        Principal who = request.getUserPrincipal();
        return who != null ? who.getName() : "api " + request.getRemoteAddr();
    }
}

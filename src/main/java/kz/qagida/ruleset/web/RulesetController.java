package kz.qagida.ruleset.web;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.check.FieldProblem;
import kz.qagida.check.Problems;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.Problem;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleLoadException;
import kz.qagida.ruleset.Gate;
import kz.qagida.ruleset.GateReport;
import kz.qagida.ruleset.HistoryEntry;
import kz.qagida.ruleset.Impact;
import kz.qagida.ruleset.RulesetFollower;
import kz.qagida.ruleset.RulesetService;
import kz.qagida.ruleset.RulesetStore;
import kz.qagida.ruleset.Uploads;

@RestController
class RulesetController {

    record FileView(String path, int rules) {
    }

    /** {@code version}: serving here; {@code activeVersion}: active in the store; {@code instance}: this instance. */
    record RulesetView(String version, Instant loadedAt, int rules, List<FileView> files, String activeVersion,
            String instance) {
    }

    record VersionRequest(String version) {
    }

    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    private final ActiveRuleBase rules;
    private final RulesetService service;
    private final RulesetFollower follower;
    private final Impact impact;

    RulesetController(ActiveRuleBase rules, RulesetService service, RulesetFollower follower, Impact impact) {
        this.rules = rules;
        this.service = service;
        this.follower = follower;
        this.impact = impact;
    }

    @GetMapping("/api/v1/ruleset")
    RulesetView ruleset() {
        RuleBase base = rules.get();
        List<FileView> files = base.ruleCounts().entrySet().stream()
                .map(e -> new FileView(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
        return new RulesetView(base.version(), base.loadedAt(), base.catalog().size(), files, follower.activeVersion(),
                follower.instance());
    }

    @GetMapping("/api/v1/ruleset/history")
    List<HistoryEntry> history(@RequestParam(defaultValue = "200") int limit) {
        return service.history(Math.min(Math.max(limit, 1), 10_000));
    }

    /** The stored versions, newest first: any of them can be activated (rolled back to). */
    @GetMapping("/api/v1/ruleset/versions")
    List<RulesetStore.Stored> versions(@RequestParam(defaultValue = "100") int limit) {
        return service.store().versions(Math.min(Math.max(limit, 1), 10_000));
    }

    /** Publishes the rules folder as it is now; 200 with the gate's report when live (or unchanged), 422 when refused. */
    @PostMapping("/api/v1/ruleset/reload")
    ResponseEntity<Object> reload(HttpServletRequest request) {
        GateReport report = service.reload(actor(request)).report();
        return report.passed() ? ResponseEntity.ok(report) : refused(report);
    }

    /** Dry run over a zipped candidate rules root: the gate's report, nothing stored or activated. */
    @PostMapping(path = "/api/v1/ruleset/validate")
    GateReport validate(@RequestBody(required = false) byte[] zip) {
        return service.validate(Uploads.unzip(body(zip), Uploads.Limits.DEFAULT));
    }

    /**
     * Publishes a zipped rules root, or with {@code path} one file (the body; {@code delete=true}
     * removes it) over the active ruleset. Gated; stored; activated unless {@code activate=false}.
     */
    @PostMapping("/api/v1/ruleset/publish")
    ResponseEntity<Object> publish(@RequestBody(required = false) byte[] body, @RequestParam(required = false) String path,
            @RequestParam(defaultValue = "false") boolean delete, @RequestParam(defaultValue = "true") boolean activate,
            HttpServletRequest request) {
        RulesetService.Published published = path == null
                ? service.publish(Uploads.unzip(body(body), Uploads.Limits.DEFAULT), activate, actor(request))
                : service.publishFile(path, delete ? null : body(body), activate, actor(request));
        return published.report().passed() ? ResponseEntity.ok(published) : refused(published.report());
    }

    /** Makes a stored version (a candidate kept with {@code activate=false}, or an earlier one) active on every instance. */
    @PostMapping("/api/v1/ruleset/activate")
    ResponseEntity<Object> activate(@RequestBody(required = false) VersionRequest body, HttpServletRequest request) {
        return activate(body, request, false);
    }

    @PostMapping("/api/v1/ruleset/rollback")
    ResponseEntity<Object> rollback(@RequestBody(required = false) VersionRequest body, HttpServletRequest request) {
        return activate(body, request, true);
    }

    private ResponseEntity<Object> activate(VersionRequest body, HttpServletRequest request, boolean rollback) {
        if (body == null || body.version() == null || body.version().isBlank()) {
            return ResponseEntity.badRequest().body(Problems.invalidRequest(List.of(new FieldProblem("version", "required"))));
        }
        return service.activate(body.version(), actor(request), rollback).<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> {
                    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.of(HttpStatus.NOT_FOUND, null,
                            "Unknown ruleset version", "version " + body.version() + " is not stored; see /api/v1/ruleset/versions"));
                });
    }

    /**
     * Re-evaluates recorded checks (recorded from {@code from} to {@code to}, Almaty dates,
     * inclusive; at most {@code limit}, newest first) under a candidate (the body, as for publish,
     * or the stored {@code version}) and under the version that answered them.
     */
    @PostMapping("/api/v1/ruleset/impact")
    ResponseEntity<Object> impact(@RequestBody(required = false) byte[] body, @RequestParam(required = false) String version,
            @RequestParam(required = false) String path, @RequestParam(defaultValue = "false") boolean delete,
            @RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
            @RequestParam(defaultValue = "10000") int limit) {
        if (limit < 1 || limit > 100_000) {
            return ResponseEntity.badRequest().body(Problems.invalidRequest(List.of(new FieldProblem("limit",
                    "must be between 1 and 100000"))));
        }
        RuleBase candidate;
        if (version != null) {
            candidate = service.stored(version).orElseThrow(() -> new Uploads.Refused(version, 404,
                    "version " + version + " is not stored; see /api/v1/ruleset/versions"));
        } else {
            Map<String, byte[]> files = path == null ? Uploads.unzip(body(body), Uploads.Limits.DEFAULT)
                    : service.activeWith(path, delete ? null : body(body));
            Gate.Outcome outcome = service.compile(files);
            if (!outcome.report().passed()) {
                return refused(outcome.report());
            }
            candidate = outcome.ruleBase();
        }
        return ResponseEntity.ok(impact.run(candidate, from == null ? null : from.atStartOfDay(ALMATY).toInstant(),
                to == null ? null : to.plusDays(1).atStartOfDay(ALMATY).toInstant(), limit));
    }

    /** The impact analysis under way, or 204. */
    @GetMapping("/api/v1/ruleset/impact/progress")
    ResponseEntity<Impact.Progress> impactProgress() {
        return impact.progress().map(ResponseEntity::ok).orElseGet(() -> ResponseEntity.noContent().build());
    }

    @ExceptionHandler(Uploads.Refused.class)
    ResponseEntity<ProblemDetail> uploadRefused(Uploads.Refused e) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setType(URI.create("/problems/upload-refused"));
        p.setTitle(status == HttpStatus.NOT_FOUND ? "Not found" : "Upload refused");
        p.setProperty("entry", e.entry());
        return ResponseEntity.status(status).body(p);
    }

    /** A candidate for impact analysis that does not compile: 422 naming file and line or cell. */
    @ExceptionHandler(RuleLoadException.class)
    ResponseEntity<ProblemDetail> doesNotCompile(RuleLoadException e) {
        Problem first = e.problems().get(0);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, first.file()
                + (first.location() == null ? "" : " (" + first.location() + ")") + ": " + first.message());
        p.setType(URI.create("/problems/ruleset-refused"));
        p.setTitle("Ruleset does not compile");
        p.setProperty("errors", e.problems());
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(p);
    }

    @ExceptionHandler(Impact.Busy.class)
    ResponseEntity<ProblemDetail> busy(Impact.Busy e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, e.getMessage());
        p.setType(URI.create("/problems/impact-busy"));
        p.setTitle("Impact analysis busy");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "10").body(p);
    }

    private static byte[] body(byte[] body) {
        if (body == null || body.length == 0) {
            throw new Uploads.Refused("(body)", 400, "the request has no body: send a zipped rules root, or the file with ?path=");
        }
        return body;
    }

    private static ResponseEntity<Object> refused(GateReport report) {
        String where = report.errors().isEmpty() ? "" : " First: " + report.errors().get(0) + ".";
        ProblemDetail p = Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "/problems/ruleset-refused", "Ruleset refused",
                report.errors().size() + " error(s), " + report.scenarioFailures().size()
                        + " failing scenario(s); nothing changed, the previous ruleset keeps serving." + where);
        p.setProperty("report", report);
        return ResponseEntity.status(HttpStatus.UNPROCESSABLE_CONTENT).body(p);
    }

    private static String actor(HttpServletRequest request) {
        Principal who = request.getUserPrincipal();
        return who != null ? who.getName() : "api " + request.getRemoteAddr();
    }
}

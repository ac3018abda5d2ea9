package kz.qagida.audit.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.audit.AuditQueries;
import kz.qagida.audit.AuditVerifier;

/** The chain's verification, the stored rulesets, and how often a rule fired. */
@RestController
class AuditController {

    private final AuditQueries store;
    private final AuditVerifier verifier;
    private final JsonMapper json;

    AuditController(AuditQueries store, AuditVerifier verifier, JsonMapper json) {
        this.store = store;
        this.verifier = verifier;
        this.json = json;
    }

    /** Verifies every chain, from its anchor, or with {@code resume=true} from where it last verified. */
    @GetMapping("/api/v1/audit/verify")
    AuditVerifier.Verification verify(@RequestParam(defaultValue = "false") boolean resume) {
        return verifier.verify(resume, p -> {
        });
    }

    /**
     * As {@code /api/v1/audit/verify}, streamed as JSON lines: a {@code {"records":n,"seq":s}} line
     * every 10 000 records checked, then the verification.
     */
    @GetMapping(path = "/api/v1/audit/verify/stream", produces = "application/x-ndjson")
    void verifyStream(@RequestParam(defaultValue = "false") boolean resume, HttpServletResponse response)
            throws IOException {
        // written on the request's thread (no async dispatch), flushed line by line
        response.setContentType("application/x-ndjson");
        OutputStream out = response.getOutputStream();
        AuditVerifier.Verification v = verifier.verify(resume, p -> line(out, p));
        line(out, v);
    }

    private void line(OutputStream out, Object value) {
        try {
            out.write(json.writeValueAsBytes(value));
            out.write('\n');
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

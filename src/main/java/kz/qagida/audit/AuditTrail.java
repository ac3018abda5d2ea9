package kz.qagida.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRecorder;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.law.Citation;
import kz.qagida.law.Countries;
import kz.qagida.rules.FiredRule;
import kz.qagida.rules.RuleBase;

/**
 * Records checks: a check's answer is given only once its record is committed; when it cannot be
 * recorded the check fails with 503 ({@link AuditUnavailableException}). With
 * {@code qagida.audit.enabled=false} checks are answered unrecorded.
 */
@Service
public class AuditTrail implements CheckRecorder {

    private final AuditWriter writer;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean enabled;

    private record Catalog(RuleBase ruleBase, NewRecord.Blob citations, String reference) {
    }

    /** The citations catalogue of the last rule base seen, and how records refer to it. */
    private volatile Catalog catalog;

    public AuditTrail(AuditWriter writer, JsonMapper json, Clock clock, AuditProperties properties) {
        this.writer = writer;
        this.json = json;
        this.clock = clock;
        this.enabled = properties.enabled();
    }

    @Override
    public Recording announce() {
        if (!enabled) {
            return null;
        }
        AuditWriter.Slot slot = writer.expect();
        Instant at = AuditStore.stamp(clock.instant());
        return new Recording() {
            @Override
            public Runnable queue(CheckRecord check) {
                AuditWriter.Commit commit = slot.queue(record(check.request(), check.requestJson(), check.response(),
                        check.responseJson(), check.ruleBase(), check.caller(), check.acceptLanguage(), at,
                        check.micros()));
                return commit::await;
            }

            @Override
            public void close() {
                slot.close();
            }
        };
    }

    NewRecord record(CheckRequest request, String requestJson, CheckResponse response, String responseJson,
            RuleBase ruleBase, String caller, String acceptLanguage, Instant at, long micros) {
        List<FiredRule> fired = response.firedRules();
        Catalog catalog = catalog(ruleBase);
        RecordContent content = new RecordContent(response.evaluationId(), at, response.asOf(),
                response.ruleset().version(), truncate(caller, 200), truncate(acceptLanguage, 200),
                response.status().name(), Countries.alpha2(request.person().citizenship()).orElse(null), micros,
                requestJson, responseJson, catalog.reference());
        return new NewRecord(content, content.hash(), NewRecord.firedRules(fired),
                NewRecord.lines(response.conclusions().stream().map(CheckResponse.ConclusionView::code).toList()),
                ruleBase, catalog.citations());
    }

    /**
     * The citations of every rule of a rule base, by rule name: a JSON object stored once per rule
     * base as a content-addressed blob. A record names it by hash in place of a copy of its fired
     * rules' citations (see {@link RecordContent}).
     */
    private Catalog catalog(RuleBase ruleBase) {
        Catalog catalog = this.catalog;
        if (catalog == null || catalog.ruleBase() != ruleBase) {
            Map<String, List<Citation>> citations = new TreeMap<>();
            ruleBase.catalog().forEach(r -> citations.put(r.name(), r.citations()));
            byte[] bytes = json.writeValueAsBytes(citations);
            String hash = Hashes.sha256(bytes);
            catalog = new Catalog(ruleBase, new NewRecord.Blob(hash, bytes), RecordContent.citationsReference(hash));
            this.catalog = catalog;
        }
        return catalog;
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

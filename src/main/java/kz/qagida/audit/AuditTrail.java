package kz.qagida.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.law.Citation;
import kz.qagida.law.Countries;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.FiredRule;
import kz.qagida.rules.RuleBase;

/**
 * Checks and records: the answer is returned only once its record is committed; when it cannot be
 * recorded the check fails with 503 ({@link AuditUnavailableException}). With
 * {@code qagida.audit.enabled=false} checks are answered unrecorded.
 */
@Service
public class AuditTrail {

    private final CheckService checks;
    private final ActiveRuleBase rules;
    private final AuditWriter writer;
    private final JsonMapper json;
    private final Clock clock;
    private final boolean enabled;

    private record Catalog(RuleBase ruleBase, NewRecord.Blob citations, String reference) {
    }

    /** The citations catalogue of the last rule base seen, and how records refer to it. */
    private volatile Catalog catalog;

    public AuditTrail(CheckService checks, ActiveRuleBase rules, AuditWriter writer, JsonMapper json, Clock clock,
            AuditProperties properties) {
        this.checks = checks;
        this.rules = rules;
        this.writer = writer;
        this.json = json;
        this.clock = clock;
        this.enabled = properties.enabled();
    }

    /** A check's answer and its JSON: the bytes sent are the bytes recorded. */
    public record Answer(CheckResponse response, byte[] json) {
    }

    public Answer check(CheckRequest request, String acceptLanguage, String caller) {
        return check(request, null, acceptLanguage, caller, false);
    }

    /**
     * As above, recording {@code body} (the request as sent, in UTF-8) as the request when given, else
     * the request written as JSON; with {@code explain} the recorded answer carries each conclusion's
     * derivation too.
     */
    public Answer check(CheckRequest request, byte[] body, String acceptLanguage, String caller, boolean explain) {
        return submit(request, body, acceptLanguage, caller, explain).get();
    }

    /**
     * Checks and queues the record without waiting for its commit, so that a caller with many checks
     * (a batch) waits once for all of them: the supplier gives the answer once the record is committed
     * and throws {@link AuditUnavailableException} when it is not. See
     * {@link #check(CheckRequest, byte[], String, String, boolean)}.
     */
    public Supplier<Answer> submit(CheckRequest request, byte[] body, String acceptLanguage, String caller,
            boolean explain) {
        // announced before the evaluation, so that a commit under way may wait for this record
        try (AuditWriter.Slot slot = enabled ? writer.expect() : null) {
            RuleBase ruleBase = rules.get();
            Instant at = AuditStore.stamp(clock.instant());
            long started = System.nanoTime();
            CheckResponse response = checks.check(request, acceptLanguage, ruleBase, explain);
            long micros = (System.nanoTime() - started) / 1000;
            byte[] answer = json.writeValueAsBytes(response);
            checks.checkAnswerSize(answer.length);
            Answer result = new Answer(response, answer);
            if (slot == null) {
                return () -> result;
            }
            String requestJson = body != null ? new String(body, StandardCharsets.UTF_8) : json.writeValueAsString(request);
            AuditWriter.Commit commit = slot.queue(record(request, requestJson, response,
                    new String(answer, StandardCharsets.UTF_8), ruleBase, caller, acceptLanguage, at, micros));
            return () -> {
                commit.await();
                return result;
            };
        }
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

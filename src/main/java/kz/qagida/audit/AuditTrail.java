package kz.qagida.audit;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.law.Countries;
import kz.qagida.law.RuleInfo;
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

    private record Catalog(RuleBase ruleBase, Map<String, RuleInfo> byName, Map<String, String> json) {
    }

    /** The rules of the last rule base seen, by name, and their audit entries as JSON. */
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
        return check(request, acceptLanguage, caller, false);
    }

    /** As above; with {@code explain} the recorded answer carries each conclusion's derivation too. */
    public Answer check(CheckRequest request, String acceptLanguage, String caller, boolean explain) {
        RuleBase ruleBase = rules.get();
        Instant at = AuditStore.stamp(clock.instant());
        long started = System.nanoTime();
        CheckResponse response = checks.check(request, acceptLanguage, ruleBase, explain);
        long micros = (System.nanoTime() - started) / 1000;
        byte[] body = json.writeValueAsBytes(response);
        if (enabled) {
            writer.append(record(request, response, new String(body, StandardCharsets.UTF_8), ruleBase, caller,
                    acceptLanguage, at, micros));
        }
        return new Answer(response, body);
    }

    NewRecord record(CheckRequest request, CheckResponse response, String responseJson, RuleBase ruleBase,
            String caller, String acceptLanguage, Instant at, long micros) {
        List<FiredRule> fired = response.firedRules();
        RecordContent content = new RecordContent(response.evaluationId(), at, response.asOf(),
                response.ruleset().version(), truncate(caller, 200), truncate(acceptLanguage, 200),
                response.status().name(), Countries.alpha2(request.person().citizenship()).orElse(null), micros,
                json.writeValueAsString(request), responseJson, firedJson(fired, ruleBase));
        return new NewRecord(content, content.hash(), NewRecord.firedRules(fired),
                NewRecord.lines(response.conclusions().stream().map(CheckResponse.ConclusionView::code).toList()),
                ruleBase);
    }

    /**
     * The fired rules with their citations, which the response leaves out: a JSON array of
     * {@link FiredRuleEntry}. A rule's entry never changes within a rule base, so each is written once
     * and reused; a typical check fires some forty rules.
     */
    String firedJson(List<FiredRule> fired, RuleBase ruleBase) {
        Catalog catalog = catalog(ruleBase);
        StringBuilder out = new StringBuilder(fired.size() * 256).append('[');
        for (FiredRule f : fired) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(catalog.json().computeIfAbsent(f.name(), name -> entry(f, catalog.byName().get(name))));
        }
        return out.append(']').toString();
    }

    private Catalog catalog(RuleBase ruleBase) {
        Catalog catalog = this.catalog;
        if (catalog == null || catalog.ruleBase() != ruleBase) {
            Map<String, RuleInfo> byName = new HashMap<>();
            ruleBase.catalog().forEach(r -> byName.put(r.name(), r));
            catalog = new Catalog(ruleBase, byName, new ConcurrentHashMap<>());
            this.catalog = catalog;
        }
        return catalog;
    }

    private String entry(FiredRule f, RuleInfo info) {
        return json.writeValueAsString(new FiredRuleEntry(f.id(), f.name(), f.file(), f.row(),
                info == null ? null : info.citations()));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

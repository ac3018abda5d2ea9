package kz.qagida.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import tools.jackson.databind.JsonNode;

import kz.qagida.law.AddedBasis;
import kz.qagida.law.Conclusion;
import kz.qagida.law.RuleInfo;

/**
 * One compiled, immutable ruleset: the KieBase shared by all requests, its version (a SHA-256 of
 * the files), the rule count of each file, the catalogue of rules and the message texts.
 */
public final class RuleBase {

    /**
     * Evaluations running at once, at most: one per processor. Rule evaluation is pure CPU work, and
     * each running session has a large working set; with 32 requests evaluating at once on 2 cores the
     * sessions evicted each other from the processor caches and a check cost three times the CPU.
     * Requests beyond this wait (without spinning) for a turn.
     */
    private static final int CONCURRENCY = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final KieBase kieBase;
    /** Sessions are reused: a fresh one per check spends most of its time building node memories. */
    private final org.kie.api.runtime.KieSessionsPool sessions;
    private final Semaphore turns = new Semaphore(CONCURRENCY);
    private final String version;
    private final Instant loadedAt;
    private final Map<String, Integer> ruleCounts;
    private final List<RuleInfo> catalog;
    private final Map<String, Map<String, String>> messages;
    private final Map<String, List<JsonNode>> reference;
    private final Map<String, String> conditions;
    private final Map<String, String> consequences;
    private final List<RuleFile> files;

    RuleBase(KieBase kieBase, String version, Instant loadedAt, Map<String, Integer> ruleCounts, List<RuleInfo> catalog,
            Map<String, Map<String, String>> messages, Map<String, List<JsonNode>> reference, Map<String, String> conditions,
            Map<String, String> consequences, List<RuleFile> files) {
        this.kieBase = kieBase;
        this.sessions = kieBase.newKieSessionsPool(CONCURRENCY);
        this.version = version;
        this.loadedAt = loadedAt;
        this.ruleCounts = Map.copyOf(ruleCounts);
        this.catalog = catalog;
        this.messages = Map.copyOf(messages);
        this.reference = Map.copyOf(reference);
        this.conditions = Map.copyOf(conditions);
        this.consequences = Map.copyOf(consequences);
        this.files = List.copyOf(files);
    }

    /**
     * Runs the rules over the facts. Only rules and rows in force on {@code asOf} fire: this
     * filter is the one place where legal validity is applied. With {@code explain}, also traces
     * which rule inserted each fact from which matched facts, so every conclusion can show its
     * derivation.
     */
    public Evaluation evaluate(LocalDate asOf, Collection<?> facts, boolean explain) {
        return evaluate(asOf, facts, explain, Integer.MAX_VALUE - 1);
    }

    /**
     * As above, refusing the evaluation ({@link EvaluationTooLargeException}) when the rules fire more
     * than {@code maxFirings} times: rules that feed each other without end, or facts that multiply the
     * firings, stop there rather than fill the heap.
     */
    public Evaluation evaluate(LocalDate asOf, Collection<?> facts, boolean explain, int maxFirings) {
        turns.acquireUninterruptibly();
        try {
            return evaluateInTurn(asOf, facts, explain, maxFirings);
        } finally {
            turns.release();
        }
    }

    private Evaluation evaluateInTurn(LocalDate asOf, Collection<?> facts, boolean explain, int maxFirings) {
        KieSession session = sessions.newKieSession();
        List<FiredRule> fired = new ArrayList<>();
        DefaultAgendaEventListener recorder = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                RuleInfo info = RuleInfo.of(event.getMatch().getRule());
                fired.add(new FiredRule(info.id(), info.name(), info.file(), info.row()));
            }
        };
        Tracer tracer = explain ? new Tracer() : null;
        try {
            session.addEventListener(recorder);
            if (tracer != null) {
                session.addEventListener((org.kie.api.event.rule.AgendaEventListener) tracer);
                session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) tracer);
            }
            for (Object fact : facts) {
                session.insert(fact);
            }
            int firings = session.fireAllRules(match -> RuleInfo.of(match.getRule()).validity().contains(asOf), maxFirings + 1);
            if (firings > maxFirings) {
                throw new EvaluationTooLargeException("firings", maxFirings, "the rules fired more than " + maxFirings
                        + " times for this check (the ceiling qagida.checks.max-firings); last: " + fired.get(fired.size() - 1).name());
            }
            Map<Conclusion, List<RuleInfo>> added = addedBases(session, fired);
            List<Conclusion> conclusions = new ArrayList<>();
            Map<Conclusion, Derivation> derivations = new java.util.IdentityHashMap<>();
            for (Object o : session.getObjects(o -> o instanceof Conclusion)) {
                Conclusion inserted = (Conclusion) o;
                Conclusion c = added.containsKey(inserted) ? inserted.withBases(added.get(inserted)) : inserted;
                conclusions.add(c);
                if (tracer != null) {
                    derivations.put(c, tracer.derivation(inserted));
                }
            }
            return new Evaluation(conclusions, fired, derivations);
        } finally {
            // a pooled session goes back reset; its listeners belong to this evaluation only
            session.removeEventListener(recorder);
            if (tracer != null) {
                session.removeEventListener((org.kie.api.event.rule.AgendaEventListener) tracer);
                session.removeEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) tracer);
            }
            session.dispose();
        }
    }

    /** The compiled rules, for the gate's check of the types they refer to. */
    public KieBase kieBase() {
        return kieBase;
    }

    /** The rows each conclusion rests on besides its own ({@link AddedBasis}), in the order their rules fired. */
    private static Map<Conclusion, List<RuleInfo>> addedBases(KieSession session, List<FiredRule> fired) {
        Map<Conclusion, List<RuleInfo>> added = new java.util.IdentityHashMap<>();
        List<String> order = fired.stream().map(FiredRule::name).toList();
        session.getObjects(o -> o instanceof AddedBasis).stream().map(o -> (AddedBasis) o)
                .sorted(java.util.Comparator.comparingInt(b -> order.indexOf(b.row().name())))
                .forEach(b -> added.computeIfAbsent(b.conclusion(), c -> new ArrayList<>()).add(b.row()));
        return added;
    }

    /** The {@code when} part of each rule, by rule name, as written (tables: as generated). */
    public Map<String, String> conditions() {
        return conditions;
    }

    /** The {@code then} part of each rule, by rule name. */
    public Map<String, String> consequences() {
        return consequences;
    }

    /** The files this rule base was compiled from, by relative path in path order. */
    public List<RuleFile> files() {
        return files;
    }

    public String version() {
        return version;
    }

    public Instant loadedAt() {
        return loadedAt;
    }

    /** Rules per file, by relative path. */
    public Map<String, Integer> ruleCounts() {
        return ruleCounts;
    }

    public List<RuleInfo> catalog() {
        return catalog;
    }


    /** Message templates by language and conclusion code. */
    public Map<String, Map<String, String>> messages() {
        return messages;
    }

    /** Reference data by file name ({@code reference/offices.yaml} is "offices"): its entries. */
    public List<JsonNode> reference(String name) {
        return reference.getOrDefault(name, List.of());
    }
}

package kz.qagida.ruleset;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import kz.qagida.audit.AuditStore;
import kz.qagida.audit.Replayer;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.law.Penalty;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseRepository;

/**
 * The impact of a candidate ruleset before it goes live: recorded checks re-evaluated, with their
 * recorded request and {@code asOf}, under the version that answered them and under the candidate;
 * what changed in their status, conclusions and fines. One analysis at a time, in a small pool of
 * its own (live checks keep the rest of the CPU), stopped at a time limit.
 */
public class Impact {

    private static final Logger log = LoggerFactory.getLogger(Impact.class);
    private static final int EXAMPLES = 50;

    /** Counts of conclusions added, removed or changed, for one code or one rulebook id. */
    public record Counts(String key, long added, long removed, long changed) {
    }

    public record StatusChange(String from, String to, long count) {
    }

    public record Conclusions(List<Counts> byCode, List<Counts> byRule) {
    }

    /** Total tenge of the penalties in the answers, before and after. */
    public record Fines(BigDecimal before, BigDecimal after) {
    }

    public record Example(UUID evaluationId, List<Replayer.Difference> differences) {
    }

    /**
     * {@code replayed}: checks re-evaluated; {@code changed}: those whose status or conclusions
     * differ; {@code complete} false when the time limit stopped the run ({@code stoppedBecause}).
     */
    public record Result(String candidate, int considered, int replayed, int changed, boolean complete, String stoppedBecause,
            List<StatusChange> statusChanges, Conclusions conclusions, Fines fines, List<Example> examples,
            Map<String, Integer> skipped, long millis) {
    }

    public record Progress(String candidate, int total, int done, Instant started) {
    }

    /** Thrown when another analysis is running. */
    public static final class Busy extends RuntimeException {
        Busy(Progress running) {
            super("another impact analysis is running (" + running.done() + " of " + running.total() + " checks)");
        }
    }

    private final AuditStore audit;
    private final RuleBaseRepository bases;
    private final CheckService checks;
    private final JsonMapper json;
    private final ExecutorService pool;
    private final int threads;
    private final Duration timeout;
    private final Semaphore one = new Semaphore(1);
    private volatile Progress progress;
    private final AtomicInteger done = new AtomicInteger();

    public Impact(AuditStore audit, RuleBaseRepository bases, CheckService checks, JsonMapper json, int threads, Duration timeout) {
        this.audit = audit;
        this.bases = bases;
        this.checks = checks;
        this.json = json;
        this.threads = Math.max(1, threads);
        this.timeout = timeout;
        this.pool = Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "ruleset-impact");
            t.setDaemon(true);
            return t;
        });
    }

    /** The running analysis, if any. */
    public Optional<Progress> progress() {
        Progress p = progress;
        return p == null ? Optional.empty() : Optional.of(new Progress(p.candidate(), p.total(), done.get(), p.started()));
    }

    public Result run(RuleBase candidate, Instant from, Instant to, int limit) {
        if (!one.tryAcquire()) {
            throw new Busy(progress().orElse(new Progress(null, 0, 0, null)));
        }
        try {
            return analyse(candidate, from, to, limit);
        } finally {
            progress = null;
            one.release();
        }
    }

    private Result analyse(RuleBase candidate, Instant from, Instant to, int limit) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        List<AuditStore.RecordedCheck> records = audit.recordedChecks(from, to, limit);
        done.set(0);
        progress = new Progress(candidate.version(), records.size(), 0, Instant.now());
        // by the version that answered them, so each original rule base is built once
        Map<String, List<AuditStore.RecordedCheck>> byVersion = new LinkedHashMap<>();
        records.forEach(r -> byVersion.computeIfAbsent(r.rulesetVersion(), v -> new ArrayList<>()).add(r));
        Tally tally = new Tally();
        String stopped = null;
        for (var group : byVersion.entrySet()) {
            RuleBase original;
            try {
                original = bases.find(group.getKey()).orElse(null);
            } catch (RuntimeException e) {
                original = null;
            }
            if (original == null) {
                tally.skip("ruleset " + group.getKey() + " not stored or no longer compiles", group.getValue().size());
                continue;
            }
            RuleBase answeredBy = original;
            List<AuditStore.RecordedCheck> list = group.getValue();
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < list.size() && System.nanoTime() < deadline; i = next.getAndIncrement()) {
                        compare(list.get(i), answeredBy, candidate, tally);
                        if (done.incrementAndGet() % 1000 == 0) {
                            log.info("Impact of {}: {} of {} checks re-evaluated", candidate.version(), done.get(), records.size());
                        }
                    }
                }));
            }
            for (Future<?> w : workers) {
                try {
                    w.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = "interrupted";
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
            }
            if (System.nanoTime() >= deadline) {
                stopped = "time limit of " + timeout.toSeconds() + " s reached";
                break;
            }
        }
        return tally.result(candidate.version(), records.size(), stopped, (System.nanoTime() - started) / 1_000_000);
    }

    private void compare(AuditStore.RecordedCheck record, RuleBase original, RuleBase candidate, Tally tally) {
        CheckRequest request;
        try {
            ObjectNode node = (ObjectNode) json.readTree(record.requestJson());
            node.put("asOf", record.asOf().toString());
            request = json.treeToValue(node, CheckRequest.class);
        } catch (RuntimeException e) {
            tally.skip("request no longer readable", 1);
            return;
        }
        CheckResponse before;
        CheckResponse after;
        try {
            before = checks.check(request, record.acceptLanguage(), original, false);
        } catch (RuntimeException e) {
            tally.skip("no longer evaluates under its own ruleset", 1);
            return;
        }
        try {
            after = checks.check(request, record.acceptLanguage(), candidate, false);
        } catch (RuntimeException e) {
            tally.skip("the candidate failed: " + e.getClass().getSimpleName(), 1);
            return;
        }
        tally.add(record.evaluationId(), before, after, answer(before), answer(after));
    }

    /** What an analyst compares: the status and the conclusions, each conclusion keyed by its code (and its place among equal codes). */
    private JsonNode answer(CheckResponse response) {
        ObjectNode node = json.createObjectNode();
        node.put("status", String.valueOf(response.status()));
        ObjectNode conclusions = node.putObject("conclusions");
        Map<String, Integer> seen = new HashMap<>();
        for (CheckResponse.ConclusionView c : response.conclusions()) {
            int n = seen.merge(c.code(), 1, Integer::sum);
            conclusions.set(n == 1 ? c.code() : c.code() + "#" + n, json.valueToTree(c));
        }
        return node;
    }

    /** The totals, added to by the pool's threads. */
    private static final class Tally {

        private int replayed;
        private int changed;
        private final Map<String, Long> statusChanges = new TreeMap<>();
        private final Map<String, long[]> byCode = new TreeMap<>();
        private final Map<String, long[]> byRule = new TreeMap<>();
        private BigDecimal finesBefore = BigDecimal.ZERO;
        private BigDecimal finesAfter = BigDecimal.ZERO;
        private final List<Example> examples = new ArrayList<>();
        private final Map<String, Integer> skipped = new TreeMap<>();

        synchronized void skip(String why, int n) {
            skipped.merge(why, n, Integer::sum);
        }

        synchronized void add(UUID id, CheckResponse before, CheckResponse after, JsonNode a, JsonNode b) {
            replayed++;
            finesBefore = finesBefore.add(fines(before));
            finesAfter = finesAfter.add(fines(after));
            List<Replayer.Difference> differences = new ArrayList<>();
            Replayer.diff("", a, b, differences);
            if (differences.isEmpty()) {
                return;
            }
            changed++;
            if (before.status() != after.status()) {
                statusChanges.merge(before.status() + " -> " + after.status(), 1L, Long::sum);
            }
            Map<String, JsonNode> left = new HashMap<>();
            a.get("conclusions").properties().forEach(e -> left.put(e.getKey(), e.getValue()));
            Map<String, JsonNode> right = new HashMap<>();
            b.get("conclusions").properties().forEach(e -> right.put(e.getKey(), e.getValue()));
            for (String key : union(left, right)) {
                JsonNode x = left.get(key);
                JsonNode y = right.get(key);
                int kind = x == null ? 0 : y == null ? 1 : x.equals(y) ? -1 : 2;
                if (kind < 0) {
                    continue;
                }
                JsonNode any = y != null ? y : x;
                byCode.computeIfAbsent(any.path("code").asString(), k -> new long[3])[kind]++;
                byRule.computeIfAbsent(any.path("rule").path("id").asString("(none)"), k -> new long[3])[kind]++;
            }
            if (examples.size() < EXAMPLES) {
                examples.add(new Example(id, differences));
            }
        }

        private static List<String> union(Map<String, JsonNode> a, Map<String, JsonNode> b) {
            TreeMap<String, Boolean> keys = new TreeMap<>();
            a.keySet().forEach(k -> keys.put(k, true));
            b.keySet().forEach(k -> keys.put(k, true));
            return new ArrayList<>(keys.keySet());
        }

        private static BigDecimal fines(CheckResponse response) {
            BigDecimal sum = BigDecimal.ZERO;
            for (CheckResponse.ConclusionView c : response.conclusions()) {
                Penalty p = c.penalty();
                if (p != null && p.tenge() != null) {
                    sum = sum.add(p.tenge());
                }
            }
            return sum;
        }

        synchronized Result result(String candidate, int considered, String stopped, long millis) {
            List<StatusChange> statuses = statusChanges.entrySet().stream().map(e -> {
                String[] fromTo = e.getKey().split(" -> ");
                return new StatusChange(fromTo[0], fromTo[1], e.getValue());
            }).toList();
            examples.sort(Comparator.comparing(Example::evaluationId));
            return new Result(candidate, considered, replayed, changed, stopped == null, stopped, statuses,
                    new Conclusions(counts(byCode), counts(byRule)), new Fines(finesBefore, finesAfter), List.copyOf(examples),
                    skipped, millis);
        }

        private static List<Counts> counts(Map<String, long[]> map) {
            return map.entrySet().stream().map(e -> new Counts(e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[2])).toList();
        }
    }

    public void close() {
        pool.shutdownNow();
    }
}

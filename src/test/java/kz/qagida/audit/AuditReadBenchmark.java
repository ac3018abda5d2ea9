package kz.qagida.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.TestRules;

/**
 * Audit reads on a large synthetic trail in the PostgreSQL test server (a schema of its own, dropped
 * at the end): N records made from real checks (the contract's example and three small requests,
 * each with a new evaluation id, so each hashes and links on its own) in four chains; then, measured
 * alternately three times, the full verification, a resumed one after 1 000 more records, and a
 * rule's firings from the index against the former {@code LIKE} scan. Not a test: run it with
 * <pre>
 * ./mvnw -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/cp.txt) kz.qagida.audit.AuditReadBenchmark 1000000
 * </pre>
 */
public final class AuditReadBenchmark {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        JsonMapper json = JsonMapper.builder().build();
        Clock clock = Clock.systemUTC();
        ActiveRuleBase active = new ActiveRuleBase(TestRules.ruleBase());
        CheckService checks = new CheckService(active, clock);
        List<String> requests = List.of(Files.readString(Path.of("src/main/resources/api/check-request-example.json")),
                AuditStoreContract.OVERSTAYING_GERMAN, AuditStoreContract.AMERICAN, AuditStoreContract.LAWFUL_GERMAN);
        try (TestDatabase db = TestDatabase.postgres()) {
            AuditTrail recorder = new AuditTrail(null, json, clock, AuditProperties.defaults());
            List<NewRecord> templates = new ArrayList<>();
            for (String body : requests) {
                CheckRequest request = json.readValue(body, CheckRequest.class);
                CheckResponse response = checks.check(request, null, active.get(), false);
                templates.add(recorder.record(request, body, response, json.writeValueAsString(response), active.get(),
                        "bench", null, RecordContent.stamp(clock.instant()), 100));
            }
            long started = System.nanoTime();
            fill(db, templates, n, 4);
            System.out.printf("filled %d records in %.1f s; %s%n", n, (System.nanoTime() - started) / 1e9,
                    db.jdbc().queryForObject("SELECT pg_size_pretty(pg_total_relation_size('audit_record'))", String.class));
            db.jdbc().execute("VACUUM ANALYZE audit_record");
            db.jdbc().execute("VACUUM ANALYZE audit_rule_firing");
            String rule = "ST-1";
            AuditVerifier verifier = db.verifier();
            AuditQueries queries = db.queries();
            for (int round = 1; round <= 3; round++) {
                long t = System.nanoTime();
                AuditVerifier.Verification full = verifier.verify();
                double fullS = (System.nanoTime() - t) / 1e9;
                fill(db, templates, 1_000, 1);
                t = System.nanoTime();
                AuditVerifier.Verification resumed = verifier.verify(true, p -> {
                });
                double resumedS = (System.nanoTime() - t) / 1e9;
                t = System.nanoTime();
                AuditQueries.Firings firings = queries.firings(rule, null, null, 0, 20);
                double indexS = (System.nanoTime() - t) / 1e9;
                t = System.nanoTime();
                Long like = db.jdbc().queryForObject("SELECT COUNT(*) FROM audit_record WHERE fired_rules LIKE ? ESCAPE '!'",
                        Long.class, AuditQueries.line(rule));
                db.jdbc().queryForList("SELECT evaluation_id, response_json FROM audit_record WHERE fired_rules LIKE ? "
                        + "ESCAPE '!' ORDER BY seq DESC LIMIT 20", AuditQueries.line(rule));
                double likeS = (System.nanoTime() - t) / 1e9;
                System.out.printf("round %d: full verify %d records %.1f s (%s, %.0f records/s); resumed verify %d "
                        + "records %.2f s (%s); firings of %s from the index %.3f s (%d evaluations), by LIKE %.3f s (%d)%n",
                        round, full.records(), fullS, full.valid() ? "valid" : "INVALID " + full.firstBroken(),
                        full.records() / fullS, resumed.records(), resumedS, resumed.valid() ? "valid" : "INVALID",
                        rule, indexS, firings.evaluations(), likeS, like);
            }
        }
    }

    /** Appends {@code n} copies of the templates, each with a new evaluation id, from {@code writers} chains. */
    private static void fill(TestDatabase db, List<NewRecord> templates, int n, int writers) throws Exception {
        AtomicLong left = new AtomicLong(n);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            done.add(pool.submit(() -> {
                AuditAppender appender = db.appender();
                AuditAppender.Chain chain = new AuditAppender.Chain("bench");
                int i = 0;
                while (true) {
                    long take = Math.min(500, left.getAndAdd(-500));
                    if (take <= 0) {
                        return null;
                    }
                    List<NewRecord> batch = new ArrayList<>();
                    for (int k = 0; k < take; k++) {
                        NewRecord t = templates.get(i++ % templates.size());
                        RecordContent c = t.content();
                        RecordContent copy = new RecordContent(UUID.randomUUID(), Instant.now().truncatedTo(
                                java.time.temporal.ChronoUnit.MILLIS), c.asOf(), c.rulesetVersion(), c.caller(),
                                c.acceptLanguage(), c.status(), c.citizenship(), c.durationMicros(), c.requestJson(),
                                c.responseJson(), c.firedJson());
                        batch.add(new NewRecord(copy, copy.hash(), t.firedRules(), t.conclusionCodes(), t.ruleBase(),
                                t.citations()));
                    }
                    appender.append(chain, batch, List.of());
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }
}

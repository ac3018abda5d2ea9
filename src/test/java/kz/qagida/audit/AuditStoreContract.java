package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.TestRules;

/**
 * The audit store's behaviour, run against each database by a subclass: H2 and PostgreSQL must
 * answer alike.
 */
abstract class AuditStoreContract {

    static final String OVERSTAYING_GERMAN = """
            {"asOf":"2024-04-05","person":{"citizenship":"DE"},"stays":[{"entry":"2024-03-01","exit":null,"basis":"VISA_FREE"}]}""";
    static final String LAWFUL_GERMAN = """
            {"asOf":"2024-03-20","person":{"citizenship":"DEU"},"stays":[{"entry":"2024-03-01","exit":null,"basis":"VISA_FREE"}]}""";
    static final String AMERICAN = """
            {"asOf":"2024-03-20","person":{"citizenship":"US"}}""";

    final JsonMapper json = JsonMapper.builder().build();
    final MutableClock clock = new MutableClock(Instant.parse("2026-01-10T08:00:00Z"));
    TestDatabase db;
    AuditQueries queries;
    AuditVerifier verifier;
    AuditRetention retention;
    AuditWriter writer;
    ActiveRuleBase active;
    CheckService checks;
    AuditTrail trail;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        db = database();
        queries = db.queries();
        verifier = db.verifier();
        retention = db.retention(clock);
        writer = new AuditWriter(db.appender(), AuditProperties.defaults());
        active = new ActiveRuleBase(TestRules.ruleBase());
        checks = new CheckService(active, clock);
        trail = new AuditTrail(writer, json, clock, AuditProperties.defaults());
    }

    @AfterEach
    void stop() throws InterruptedException {
        writer.close();
        db.close();
    }

    CheckResponse check(String request) {
        return recording(trail).check(json.readValue(request, CheckRequest.class), null, null, "test-caller", false)
                .response();
    }

    /** The check use case recording through {@code trail}. */
    private CheckService recording(AuditTrail trail) {
        return new CheckService(active, clock, json, trail);
    }

    @Test
    void everyAnsweredCheckIsRecordedWithItsRequestResponseRulesetAndFiredRulesInOrder() {
        CheckResponse response = check(OVERSTAYING_GERMAN);

        StoredRecord stored = queries.find(response.evaluationId()).orElseThrow();
        RecordContent c = stored.content();
        assertThat(c.asOf()).isEqualTo(LocalDate.of(2024, 4, 5));
        assertThat(c.recordedAt()).isEqualTo(clock.instant());
        assertThat(c.rulesetVersion()).isEqualTo(TestRules.ruleBase().version());
        assertThat(c.caller()).isEqualTo("test-caller");
        assertThat(c.status()).isEqualTo("VIOLATION");
        assertThat(c.citizenship()).isEqualTo("DE");
        assertThat(json.readValue(c.requestJson(), CheckRequest.class).person().citizenship()).isEqualTo("DE");
        assertThat(json.readValue(c.requestJson(), CheckRequest.class).stays()).hasSize(1);
        assertThat(json.readTree(c.responseJson())).isEqualTo(json.readTree(json.writeValueAsString(response)));
        List<FiredRuleEntry> fired = queries.firedRules(stored);
        assertThat(fired).extracting(FiredRuleEntry::name)
                .containsExactlyElementsOf(response.firedRules().stream().map(f -> f.name()).toList());
        assertThat(fired).filteredOn(f -> f.name().equals("ST-1 Overstay")).singleElement()
                .satisfies(f -> assertThat(f.citations()).isNotEmpty());
        assertThat(stored.contentHash()).isEqualTo(c.hash());
        assertThat(stored.prevHash()).isEqualTo(Hashes.GENESIS);
        assertThat(stored.seq()).isEqualTo(1);
    }

    @Test
    void evaluationsAreFoundByRuleConclusionStatusCitizenshipDatesAndRuleset() {
        CheckResponse overstay = check(OVERSTAYING_GERMAN);
        clock.advance(Duration.ofDays(2));
        CheckResponse lawful = check(LAWFUL_GERMAN);
        CheckResponse american = check(AMERICAN);
        String version = TestRules.ruleBase().version();

        assertThat(ids(filter("ST-1", null, null, null, null, null, null))).contains(overstay.evaluationId(),
                lawful.evaluationId()).doesNotContain(american.evaluationId());
        assertThat(ids(filter("ST-1 Overstay", null, null, null, null, null, null)))
                .containsExactly(overstay.evaluationId());
        assertThat(ids(filter(null, "OVERSTAY", null, null, null, null, null))).containsExactly(overstay.evaluationId());
        assertThat(ids(filter(null, null, "VIOLATION", null, null, null, null))).containsExactly(overstay.evaluationId());
        assertThat(ids(filter(null, null, null, "DE", null, null, null)))
                .containsExactly(lawful.evaluationId(), overstay.evaluationId());
        assertThat(ids(filter(null, null, null, null, Instant.parse("2026-01-11T00:00:00Z"), null, null)))
                .containsExactly(american.evaluationId(), lawful.evaluationId());
        assertThat(ids(filter(null, null, null, null, null, Instant.parse("2026-01-11T00:00:00Z"), null)))
                .containsExactly(overstay.evaluationId());
        assertThat(ids(filter(null, null, null, null, null, null, version))).hasSize(3);
        assertThat(ids(filter(null, null, null, null, null, null, "sha256:other"))).isEmpty();
        assertThat(queries.search(new AuditQueries.Filter(null, null, null, null, null, null, LocalDate.of(2024, 4, 1),
                null, null), 0, 10).items()).extracting(AuditQueries.Summary::evaluationId)
                .containsExactly(overstay.evaluationId());

        AuditQueries.Page<AuditQueries.Summary> page = queries.search(filterOf(null, null, null, null, null, null, null), 1, 2);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(AuditQueries.Summary::evaluationId).containsExactly(overstay.evaluationId());
        assertThat(page.items().get(0).conclusions()).contains("OVERSTAY");
    }

    private List<AuditQueries.Summary> filter(String rule, String conclusion, String status, String citizenship,
            Instant from, Instant to, String ruleset) {
        return queries.search(filterOf(rule, conclusion, status, citizenship, from, to, ruleset), 0, 50).items();
    }

    private static AuditQueries.Filter filterOf(String rule, String conclusion, String status, String citizenship,
            Instant from, Instant to, String ruleset) {
        return new AuditQueries.Filter(rule, conclusion, status, citizenship, from, to, null, null, ruleset);
    }

    private static List<UUID> ids(List<AuditQueries.Summary> summaries) {
        return summaries.stream().map(AuditQueries.Summary::evaluationId).toList();
    }

    @Test
    void firingsTellHowOftenAndWhenARuleFired() {
        CheckResponse first = check(OVERSTAYING_GERMAN);
        Instant firstAt = clock.instant();
        clock.advance(Duration.ofHours(5));
        CheckResponse second = check(LAWFUL_GERMAN);
        check(AMERICAN);

        AuditQueries.Firings overstay = queries.firings("ST-1 Overstay", null, null, 0, 10);
        assertThat(overstay.evaluations()).isEqualTo(1);
        assertThat(overstay.first()).isEqualTo(firstAt);
        assertThat(overstay.recent().items()).singleElement().satisfies(f -> {
            assertThat(f.evaluationId()).isEqualTo(first.evaluationId());
            assertThat(f.fired()).singleElement().satisfies(x -> {
                assertThat(x.file()).isEqualTo("rules-drl/stay/overstay.drl");
                assertThat(x.position()).isEqualTo(names(first).indexOf("ST-1 Overstay"));
            });
        });

        AuditQueries.Firings st1 = queries.firings("ST-1", null, null, 0, 10);
        assertThat(st1.evaluations()).isEqualTo(2);
        assertThat(st1.first()).isEqualTo(firstAt);
        assertThat(st1.last()).isEqualTo(clock.instant());
        assertThat(st1.recent().items()).extracting(AuditQueries.RuleFiring::evaluationId)
                .containsExactly(second.evaluationId(), first.evaluationId());
        assertThat(st1.recent().items().get(1).fired()).extracting(AuditQueries.Fired::name)
                .containsExactlyElementsOf(names(first).stream().filter(n -> n.startsWith("ST-1 ")).toList());
        assertThat(queries.firings("ST-1", clock.instant(), null, 0, 10).evaluations()).isEqualTo(1);
        assertThat(queries.firings("ST-1 Over", null, null, 0, 10).evaluations()).as("a name matches whole").isZero();
        assertThat(queries.firings("ST-1%", null, null, 0, 10).evaluations()).as("wildcards are literal").isZero();
    }

    private static List<String> names(CheckResponse response) {
        return response.firedRules().stream().map(f -> f.name()).toList();
    }

    @Test
    void anIntactChainVerifies() {
        for (int i = 0; i < 5; i++) {
            check(i % 2 == 0 ? OVERSTAYING_GERMAN : AMERICAN);
        }
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.records()).isEqualTo(5);
        assertThat(v.head().seq()).isEqualTo(5);
    }

    @Test
    void verifyNamesTheFirstRecordWhoseContentWasAltered() {
        List<CheckResponse> responses = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            responses.add(check(OVERSTAYING_GERMAN));
        }
        db.jdbc().update("UPDATE audit_record SET response_json = REPLACE(response_json, 'VIOLATION', 'COMPLIANT') "
                + "WHERE seq = 3");

        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.valid()).isFalse();
        assertThat(v.records()).isEqualTo(2);
        assertThat(v.firstBroken().seq()).isEqualTo(3);
        assertThat(v.firstBroken().evaluationId()).isEqualTo(responses.get(2).evaluationId());
        assertThat(v.firstBroken().problem()).startsWith("content altered");
    }

    @Test
    void verifyNamesARecordRehashedToHideAnAlteration() {
        for (int i = 0; i < 4; i++) {
            check(AMERICAN);
        }
        StoredRecord two = queries.find(queries.search(filterOf(null, null, null, null, null, null, null), 0, 10)
                .items().get(2).evaluationId()).orElseThrow();
        assertThat(two.seq()).isEqualTo(2);
        RecordContent c = two.content();
        RecordContent forged = new RecordContent(c.evaluationId(), c.recordedAt(), c.asOf(), c.rulesetVersion(),
                "someone-else", c.acceptLanguage(), c.status(), c.citizenship(), c.durationMicros(), c.requestJson(),
                c.responseJson(), c.firedJson());
        db.jdbc().update("UPDATE audit_record SET caller = ?, content_hash = ?, hash = ? WHERE seq = 2", "someone-else",
                forged.hash(), Hashes.link(two.prevHash(), 2, forged.hash()));

        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.firstBroken().seq()).isEqualTo(3);
        assertThat(v.firstBroken().problem()).startsWith("link broken");
    }

    @Test
    void verifyNamesARecordWhoseQueryColumnsNoLongerMatchItsContent() {
        check(OVERSTAYING_GERMAN);
        check(OVERSTAYING_GERMAN);
        db.jdbc().update("UPDATE audit_record SET conclusion_codes = REPLACE(conclusion_codes, 'OVERSTAY', 'NONE') "
                + "WHERE seq = 2");
        AuditVerifier.Verification codes = verifier.verify();
        assertThat(codes.firstBroken().seq()).isEqualTo(2);
        assertThat(codes.firstBroken().problem()).contains("conclusion_codes");

        db.jdbc().update("UPDATE audit_record SET fired_rules = REPLACE(fired_rules, 'ST-1', 'ST-9') WHERE seq = 1");
        assertThat(verifier.verify().firstBroken().problem()).contains("fired_rules");
    }

    @Test
    void aRecordRefersToItsRuleBasesCitationsCatalogueAndVerifyNamesTheRecordWhenTheCatalogueIsAltered() {
        check(AMERICAN);
        check(OVERSTAYING_GERMAN);
        StoredRecord first = queries.find(queries.search(filterOf(null, null, null, null, null, null, null), 0, 10)
                .items().get(1).evaluationId()).orElseThrow();
        String catalogue = first.content().citationsHash();
        assertThat(first.content().firedJson()).isEqualTo("{\"citations\":\"" + catalogue + "\"}");
        assertThat(db.jdbc().queryForObject("SELECT COUNT(DISTINCT fired_json) FROM audit_record", Long.class))
                .isEqualTo(1);
        assertThat(verifier.verify().valid()).isTrue();

        byte[] stored = db.jdbc().queryForObject("SELECT content FROM audit_blob WHERE hash = ?", byte[].class, catalogue);
        db.jdbc().update("UPDATE audit_blob SET content = ? WHERE hash = ?",
                new String(stored, java.nio.charset.StandardCharsets.UTF_8).replace("\"KOAP\"", "\"NONE\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), catalogue);
        AuditVerifier.Verification altered = verifier.verify();
        assertThat(altered.firstBroken().seq()).isEqualTo(1);
        assertThat(altered.firstBroken().problem()).contains("citations catalogue " + catalogue, "altered");

        db.jdbc().update("DELETE FROM audit_blob WHERE hash = ?", catalogue);
        assertThat(verifier.verify().firstBroken().problem()).contains("citations catalogue " + catalogue, "missing");
    }

    @Test
    void aRecordWrittenBeforeV3WithItsFiredRulesInlineStillVerifiesAndReads() {
        check(OVERSTAYING_GERMAN);
        StoredRecord stored = queries.find(queries.search(filterOf(null, null, null, null, null, null, null), 0, 10)
                .items().get(0).evaluationId()).orElseThrow();
        List<FiredRuleEntry> fired = queries.firedRules(stored);
        RecordContent c = stored.content();
        RecordContent inline = new RecordContent(c.evaluationId(), c.recordedAt(), c.asOf(), c.rulesetVersion(),
                c.caller(), c.acceptLanguage(), c.status(), c.citizenship(), c.durationMicros(), c.requestJson(),
                c.responseJson(), json.writeValueAsString(fired));
        String link = Hashes.link(stored.prevHash(), 1, inline.hash());
        db.jdbc().update("UPDATE audit_record SET fired_json = ?, content_hash = ?, hash = ? WHERE seq = 1",
                inline.firedJson(), inline.hash(), link);
        db.jdbc().update("UPDATE audit_chain SET hash = ? WHERE chain_id = ?", link, stored.chainId());

        StoredRecord old = queries.find(c.evaluationId()).orElseThrow();
        assertThat(old.content().citationsHash()).isNull();
        assertThat(verifier.verify().valid()).isTrue();
        assertThat(queries.firedRules(old)).isEqualTo(fired);
        assertThat(fired).filteredOn(f -> f.name().equals("ST-1 Overstay")).singleElement()
                .satisfies(f -> assertThat(f.citations()).isNotEmpty());
    }

    @Test
    void verifyNamesADeletedRecordAndAMissingTail() {
        for (int i = 0; i < 5; i++) {
            check(AMERICAN);
        }
        db.jdbc().update("DELETE FROM audit_record WHERE seq = 5");
        AuditVerifier.Verification tail = verifier.verify();
        assertThat(tail.valid()).isFalse();
        assertThat(tail.firstBroken().problem()).contains("head says the chain ends at record 5");

        db.jdbc().update("DELETE FROM audit_record WHERE seq = 2");
        AuditVerifier.Verification gap = verifier.verify();
        assertThat(gap.firstBroken().seq()).isEqualTo(3);
        assertThat(gap.firstBroken().problem()).isEqualTo("record 2 is missing: the chain jumps to record 3");
    }

    @Test
    void purgingOldRecordsKeepsTheRestVerifiable() {
        check(OVERSTAYING_GERMAN);
        check(AMERICAN);
        clock.advance(Duration.ofDays(100));
        CheckResponse kept = check(LAWFUL_GERMAN);

        AuditRetention.Purge purge = retention.purge(clock.instant().minus(Duration.ofDays(30)));
        assertThat(purge.purged()).isEqualTo(2);
        assertThat(purge.anchor().seq()).isEqualTo(2);
        assertThat(queries.count()).isEqualTo(1);
        assertThat(queries.firings("ST-1 Overstay", null, null, 0, 10).evaluations()).isZero();
        assertThat(queries.find(kept.evaluationId())).isPresent();
        check(AMERICAN);
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.anchor().seq()).isEqualTo(2);
        assertThat(v.records()).isEqualTo(2);
        assertThat(retention.purge(clock.instant().minus(Duration.ofDays(30))).purged()).isZero();
    }

    @Test
    void theServingRulesetIsStoredOnceByContentAndReloadsToTheSameVersion() {
        check(OVERSTAYING_GERMAN);
        check(AMERICAN);
        RuleBase serving = TestRules.ruleBase();
        assertThat(queries.rulesets()).singleElement()
                .satisfies(r -> assertThat(r.version()).isEqualTo(serving.version()));
        List<RuleFile> files = queries.rulesetFiles(serving.version());
        assertThat(files).extracting(RuleFile::path)
                .containsExactlyElementsOf(serving.files().stream().map(RuleFile::path).sorted().toList());

        active.activate(ChangedRules.ruleBase());
        check(AMERICAN);
        assertThat(queries.rulesets()).hasSize(2);
        Long blobs = db.jdbc().queryForObject("SELECT COUNT(*) FROM audit_blob", Long.class);
        Long catalogues = db.jdbc().queryForObject("SELECT COUNT(DISTINCT fired_json) FROM audit_record", Long.class);
        assertThat(catalogues).isBetween(1L, 2L);
        assertThat(blobs).isEqualTo(serving.files().stream().map(f -> Hashes.sha256(f.content())).distinct().count() + 1
                + catalogues);
    }

    @Test
    void replayUnderTheOriginalRulesetGivesTheRecordedAnswerAndUnderChangedRulesShowsTheDifference() {
        CheckResponse recorded = check(OVERSTAYING_GERMAN);
        active.activate(ChangedRules.ruleBase());
        Replayer replayer = replayer();

        Replayer.Replay original = replayer.replay(recorded.evaluationId(), Replayer.Against.ORIGINAL).orElseThrow();
        assertThat(original.replayedRuleset()).isEqualTo(TestRules.ruleBase().version());
        assertThat(original.differences()).isEmpty();
        assertThat(original.identical()).isTrue();

        Replayer.Replay current = replayer.replay(recorded.evaluationId(), Replayer.Against.CURRENT).orElseThrow();
        assertThat(current.replayedRuleset()).isEqualTo(ChangedRules.ruleBase().version());
        assertThat(current.identical()).isFalse();
        assertThat(current.differences()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo("conclusions[OVERSTAY].message");
            assertThat(d.recorded().asString()).contains("exceeded its last lawful day");
            assertThat(d.replayed().asString()).contains(ChangedRules.NEW_WORDING);
        });
        assertThat(replayer.replay(UUID.randomUUID(), Replayer.Against.CURRENT)).isEmpty();
    }

    @Test
    void concurrentWritersOnOneDatabaseEachExtendAChainOfTheirOwnWithoutLossOrDuplicates() throws Exception {
        AuditWriter otherWriter = new AuditWriter(db.appender(), AuditProperties.defaults());
        AuditTrail other = new AuditTrail(otherWriter, json, clock, AuditProperties.defaults());
        CheckRequest request = json.readValue(AMERICAN, CheckRequest.class);
        List<UUID> answered = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                CheckService via = recording(t % 2 == 0 ? trail : other);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 40; i++) {
                        answered.add(via.check(request, null, null, "load", false).response().evaluationId());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
            otherWriter.close();
        }
        assertThat(answered).hasSize(320).doesNotHaveDuplicates();
        assertThat(queries.count()).isEqualTo(320);
        assertThat(db.jdbc().queryForList("SELECT evaluation_id FROM audit_record", UUID.class))
                .containsExactlyInAnyOrderElementsOf(answered);
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.valid()).as(String.valueOf(v.firstBroken())).isTrue();
        assertThat(v.records()).isEqualTo(320);
        assertThat(v.chains()).filteredOn(c -> c.records() > 0).extracting(AuditVerifier.Chain::chain)
                .containsExactlyInAnyOrder(writer.chainId(), otherWriter.chainId());
        assertThat(v.chains()).filteredOn(c -> c.records() > 0)
                .allSatisfy(c -> assertThat(c.head().seq()).as("positions without gaps").isEqualTo(c.records()));
        assertThat(v.chains().stream().mapToLong(AuditVerifier.Chain::records).sum()).isEqualTo(320);
    }

    @Test
    void aVerificationResumesFromTheLastCheckpointAndAFullOneStillSeesEverything() {
        for (int i = 0; i < 3; i++) {
            check(AMERICAN);
        }
        assertThat(verifier.verify().records()).isEqualTo(3);
        check(AMERICAN);
        check(OVERSTAYING_GERMAN);
        List<AuditVerifier.Progress> progress = new ArrayList<>();
        AuditVerifier.Verification resumed = verifier.verify(true, progress::add);
        assertThat(resumed.valid()).isTrue();
        assertThat(resumed.resumed()).isTrue();
        assertThat(resumed.records()).as("only the records after the checkpoint").isEqualTo(2);
        assertThat(progress).last().satisfies(p -> assertThat(p.records()).isEqualTo(2));
        assertThat(resumed.head().seq()).isEqualTo(5);

        db.jdbc().update("UPDATE audit_record SET caller = 'someone-else' WHERE seq = 4");
        assertThat(verifier.verify(true, p -> {
        }).records()).as("nothing new since the checkpoint").isZero();
        AuditVerifier.Verification full = verifier.verify();
        assertThat(full.valid()).isFalse();
        assertThat(full.firstBroken().seq()).isEqualTo(4);
        assertThat(full.firstBroken().problem()).startsWith("content altered");
    }

    @Test
    void aRecordWhoseCheckWasRefusedIsToldApartByQueriesReplayAndVerify() {
        CheckResponse refused = check(AMERICAN);
        CheckResponse answered = check(AMERICAN);
        db.jdbc().update("INSERT INTO audit_undelivered (evaluation_id, noted_at) VALUES (?, CURRENT_TIMESTAMP)",
                refused.evaluationId());

        assertThat(queries.search(filterOf(null, null, null, null, null, null, null), 0, 10).items())
                .extracting(AuditQueries.Summary::evaluationId, AuditQueries.Summary::undelivered)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(answered.evaluationId(), false),
                        org.assertj.core.groups.Tuple.tuple(refused.evaluationId(), true));
        Replayer replayer = replayer();
        assertThat(replayer.replay(refused.evaluationId(), Replayer.Against.ORIGINAL).orElseThrow().undelivered())
                .isTrue();
        assertThat(replayer.replay(answered.evaluationId(), Replayer.Against.ORIGINAL).orElseThrow().undelivered())
                .isFalse();
        AuditVerifier.Verification v = verifier.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.undelivered()).isEqualTo(1);
    }

    @Test
    void recordsWrittenInTheSingleChainBeforeChainsPerWriterStillVerifyAndTheirFiringsAreIndexed() throws Exception {
        try (TestDatabase old = db.migratedBeforeChains()) {
            AuditTrail recorder = new AuditTrail(writer, json, clock, AuditProperties.defaults());
            String previous = Hashes.GENESIS;
            List<UUID> ids = new ArrayList<>();
            for (int seq = 1; seq <= 3; seq++) {
                CheckRequest request = json.readValue(seq == 2 ? OVERSTAYING_GERMAN : AMERICAN, CheckRequest.class);
                CheckResponse response = checks.check(request, null, active.get(), false);
                NewRecord r = recorder.record(request, json.writeValueAsString(request), response,
                        json.writeValueAsString(response), active.get(), "before", null, clock.instant(), 1);
                String hash = Hashes.link(previous, seq, r.contentHash());
                RecordContent c = r.content();
                old.jdbc().update("INSERT INTO audit_record (seq, evaluation_id, recorded_at, as_of, ruleset_version, "
                        + "caller, accept_language, status, citizenship, duration_micros, request_json, response_json, "
                        + "fired_json, content_hash, prev_hash, hash, fired_rules, conclusion_codes) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", seq, c.evaluationId(),
                        c.recordedAt().atOffset(java.time.ZoneOffset.UTC), c.asOf(), c.rulesetVersion(), c.caller(),
                        c.acceptLanguage(), c.status(), c.citizenship(), c.durationMicros(), c.requestJson(),
                        c.responseJson(), c.firedJson(), r.contentHash(), previous, hash, r.firedRules(),
                        r.conclusionCodes());
                old.jdbc().update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, hash);
                previous = hash;
                ids.add(c.evaluationId());
            }
            old.migrate();
            AuditWriter after = new AuditWriter(old.appender(), AuditProperties.defaults());
            try {
                recording(new AuditTrail(after, json, clock, AuditProperties.defaults()))
                        .check(json.readValue(AMERICAN, CheckRequest.class), null, null, "after", false);
            } finally {
                after.close();
            }
            AuditVerifier.Verification v = old.verifier().verify();
            assertThat(v.valid()).as(String.valueOf(v.firstBroken())).isTrue();
            assertThat(v.records()).isEqualTo(4);
            assertThat(v.chains()).filteredOn(c -> c.chain().equals(StoredRecord.INITIAL_CHAIN)).singleElement()
                    .satisfies(c -> assertThat(c.records()).isEqualTo(3));
            assertThat(old.queries().find(ids.get(2)).orElseThrow().seq()).isEqualTo(3);
            assertThat(old.queries().search(filterOf(null, null, null, null, null, null, null), 0, 10).items().get(0)
                    .seq()).as("the sequence goes on after the records before").isEqualTo(4);
            assertThat(old.queries().firings("ST-1 Overstay", null, null, 0, 10).recent().items())
                    .extracting(AuditQueries.RuleFiring::evaluationId).containsExactly(ids.get(1));
        }
    }

    @Test
    void aCheckIsRefusedWith503WhenTheStoreIsDown() throws InterruptedException {
        DriverManagerDataSource down = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/down", "x", "");
        AuditWriter downWriter = new AuditWriter(new AuditAppender(new org.springframework.jdbc.core.JdbcTemplate(down),
                new DataSourceTransactionManager(down), clock), AuditProperties.defaults());
        try {
            CheckService refusing = recording(new AuditTrail(downWriter, json, clock, AuditProperties.defaults()));
            assertThatThrownBy(() -> refusing.check(json.readValue(AMERICAN, CheckRequest.class), null, null, "x", false))
                    .isInstanceOfSatisfying(AuditUnavailableException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        } finally {
            downWriter.close();
        }
        assertThat(queries.count()).isZero();
    }

    /** The project's rules with one message reworded: a second ruleset version. */
    static final class ChangedRules {

        static final String NEW_WORDING = "went past its last lawful day";
        private static RuleBase ruleBase;

        static synchronized RuleBase ruleBase() {
            if (ruleBase == null) {
                List<RuleFile> files = new ArrayList<>();
                boolean changed = false;
                for (RuleFile f : TestRules.ruleBase().files()) {
                    if (f.path().equals("messages/en.yaml")) {
                        String text = f.text().replace("exceeded its last lawful day", NEW_WORDING);
                        changed = !text.equals(f.text());
                        f = new RuleFile(f.path(), text.getBytes(StandardCharsets.UTF_8));
                    }
                    files.add(f);
                }
                assertThat(changed).as("the OVERSTAY message to reword").isTrue();
                ruleBase = RuleBaseLoader.load(files);
            }
            return ruleBase;
        }
    }

    /** A replayer whose rule bases by version are compiled from the rulesets this store holds. */
    private Replayer replayer() {
        return new Replayer(queries, checks, active, version -> {
            List<RuleFile> files = queries.rulesetFiles(version);
            return files.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(kz.qagida.rules.RuleBaseLoader.load(files));
        }, json);
    }

}

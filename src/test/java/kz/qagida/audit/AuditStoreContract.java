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
    AuditStore store;
    AuditWriter writer;
    ActiveRuleBase active;
    CheckService checks;
    AuditTrail trail;

    abstract TestDatabase database();

    @BeforeEach
    void start() {
        db = database();
        store = db.store();
        writer = new AuditWriter(store, AuditProperties.defaults());
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

        AuditStore.StoredRecord stored = store.find(response.evaluationId()).orElseThrow();
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
        List<FiredRuleEntry> fired = store.firedRules(stored);
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
        assertThat(store.search(new AuditStore.Filter(null, null, null, null, null, null, LocalDate.of(2024, 4, 1),
                null, null), 0, 10).items()).extracting(AuditStore.Summary::evaluationId)
                .containsExactly(overstay.evaluationId());

        AuditStore.Page<AuditStore.Summary> page = store.search(filterOf(null, null, null, null, null, null, null), 1, 2);
        assertThat(page.total()).isEqualTo(3);
        assertThat(page.items()).extracting(AuditStore.Summary::evaluationId).containsExactly(overstay.evaluationId());
        assertThat(page.items().get(0).conclusions()).contains("OVERSTAY");
    }

    private List<AuditStore.Summary> filter(String rule, String conclusion, String status, String citizenship,
            Instant from, Instant to, String ruleset) {
        return store.search(filterOf(rule, conclusion, status, citizenship, from, to, ruleset), 0, 50).items();
    }

    private static AuditStore.Filter filterOf(String rule, String conclusion, String status, String citizenship,
            Instant from, Instant to, String ruleset) {
        return new AuditStore.Filter(rule, conclusion, status, citizenship, from, to, null, null, ruleset);
    }

    private static List<UUID> ids(List<AuditStore.Summary> summaries) {
        return summaries.stream().map(AuditStore.Summary::evaluationId).toList();
    }

    @Test
    void firingsTellHowOftenAndWhenARuleFired() {
        CheckResponse first = check(OVERSTAYING_GERMAN);
        Instant firstAt = clock.instant();
        clock.advance(Duration.ofHours(5));
        CheckResponse second = check(LAWFUL_GERMAN);
        check(AMERICAN);

        AuditStore.Firings overstay = store.firings("ST-1 Overstay", null, null, 0, 10);
        assertThat(overstay.evaluations()).isEqualTo(1);
        assertThat(overstay.first()).isEqualTo(firstAt);
        assertThat(overstay.recent().items()).singleElement().satisfies(f -> {
            assertThat(f.evaluationId()).isEqualTo(first.evaluationId());
            assertThat(f.fired()).singleElement().satisfies(x -> {
                assertThat(x.file()).isEqualTo("rules-drl/stay/overstay.drl");
                assertThat(x.position()).isEqualTo(names(first).indexOf("ST-1 Overstay"));
            });
        });

        AuditStore.Firings st1 = store.firings("ST-1", null, null, 0, 10);
        assertThat(st1.evaluations()).isEqualTo(2);
        assertThat(st1.first()).isEqualTo(firstAt);
        assertThat(st1.last()).isEqualTo(clock.instant());
        assertThat(st1.recent().items()).extracting(AuditStore.RuleFiring::evaluationId)
                .containsExactly(second.evaluationId(), first.evaluationId());
        assertThat(st1.recent().items().get(1).fired()).extracting(AuditStore.Fired::name)
                .containsExactlyElementsOf(names(first).stream().filter(n -> n.startsWith("ST-1 ")).toList());
        assertThat(store.firings("ST-1", clock.instant(), null, 0, 10).evaluations()).isEqualTo(1);
        assertThat(store.firings("ST-1 Over", null, null, 0, 10).evaluations()).as("a name matches whole").isZero();
        assertThat(store.firings("ST-1%", null, null, 0, 10).evaluations()).as("wildcards are literal").isZero();
    }

    private static List<String> names(CheckResponse response) {
        return response.firedRules().stream().map(f -> f.name()).toList();
    }

    @Test
    void anIntactChainVerifies() {
        for (int i = 0; i < 5; i++) {
            check(i % 2 == 0 ? OVERSTAYING_GERMAN : AMERICAN);
        }
        AuditStore.Verification v = store.verify();
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

        AuditStore.Verification v = store.verify();
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
        AuditStore.StoredRecord two = store.find(store.search(filterOf(null, null, null, null, null, null, null), 0, 10)
                .items().get(2).evaluationId()).orElseThrow();
        assertThat(two.seq()).isEqualTo(2);
        RecordContent c = two.content();
        RecordContent forged = new RecordContent(c.evaluationId(), c.recordedAt(), c.asOf(), c.rulesetVersion(),
                "someone-else", c.acceptLanguage(), c.status(), c.citizenship(), c.durationMicros(), c.requestJson(),
                c.responseJson(), c.firedJson());
        db.jdbc().update("UPDATE audit_record SET caller = ?, content_hash = ?, hash = ? WHERE seq = 2", "someone-else",
                forged.hash(), Hashes.link(two.prevHash(), 2, forged.hash()));

        AuditStore.Verification v = store.verify();
        assertThat(v.firstBroken().seq()).isEqualTo(3);
        assertThat(v.firstBroken().problem()).startsWith("link broken");
    }

    @Test
    void verifyNamesARecordWhoseQueryColumnsNoLongerMatchItsContent() {
        check(OVERSTAYING_GERMAN);
        check(OVERSTAYING_GERMAN);
        db.jdbc().update("UPDATE audit_record SET conclusion_codes = REPLACE(conclusion_codes, 'OVERSTAY', 'NONE') "
                + "WHERE seq = 2");
        AuditStore.Verification codes = store.verify();
        assertThat(codes.firstBroken().seq()).isEqualTo(2);
        assertThat(codes.firstBroken().problem()).contains("conclusion_codes");

        db.jdbc().update("UPDATE audit_record SET fired_rules = REPLACE(fired_rules, 'ST-1', 'ST-9') WHERE seq = 1");
        assertThat(store.verify().firstBroken().problem()).contains("fired_rules");
    }

    @Test
    void aRecordRefersToItsRuleBasesCitationsCatalogueAndVerifyNamesTheRecordWhenTheCatalogueIsAltered() {
        check(AMERICAN);
        check(OVERSTAYING_GERMAN);
        AuditStore.StoredRecord first = store.find(store.search(filterOf(null, null, null, null, null, null, null), 0, 10)
                .items().get(1).evaluationId()).orElseThrow();
        String catalogue = first.content().citationsHash();
        assertThat(first.content().firedJson()).isEqualTo("{\"citations\":\"" + catalogue + "\"}");
        assertThat(db.jdbc().queryForObject("SELECT COUNT(DISTINCT fired_json) FROM audit_record", Long.class))
                .isEqualTo(1);
        assertThat(store.verify().valid()).isTrue();

        byte[] stored = db.jdbc().queryForObject("SELECT content FROM audit_blob WHERE hash = ?", byte[].class, catalogue);
        db.jdbc().update("UPDATE audit_blob SET content = ? WHERE hash = ?",
                new String(stored, java.nio.charset.StandardCharsets.UTF_8).replace("\"KOAP\"", "\"NONE\"")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8), catalogue);
        AuditStore.Verification altered = store.verify();
        assertThat(altered.firstBroken().seq()).isEqualTo(1);
        assertThat(altered.firstBroken().problem()).contains("citations catalogue " + catalogue, "altered");

        db.jdbc().update("DELETE FROM audit_blob WHERE hash = ?", catalogue);
        assertThat(store.verify().firstBroken().problem()).contains("citations catalogue " + catalogue, "missing");
    }

    @Test
    void aRecordWrittenBeforeV3WithItsFiredRulesInlineStillVerifiesAndReads() {
        check(OVERSTAYING_GERMAN);
        AuditStore.StoredRecord stored = store.find(store.search(filterOf(null, null, null, null, null, null, null), 0, 10)
                .items().get(0).evaluationId()).orElseThrow();
        List<FiredRuleEntry> fired = store.firedRules(stored);
        RecordContent c = stored.content();
        RecordContent inline = new RecordContent(c.evaluationId(), c.recordedAt(), c.asOf(), c.rulesetVersion(),
                c.caller(), c.acceptLanguage(), c.status(), c.citizenship(), c.durationMicros(), c.requestJson(),
                c.responseJson(), json.writeValueAsString(fired));
        String link = Hashes.link(stored.prevHash(), 1, inline.hash());
        db.jdbc().update("UPDATE audit_record SET fired_json = ?, content_hash = ?, hash = ? WHERE seq = 1",
                inline.firedJson(), inline.hash(), link);
        db.jdbc().update("UPDATE audit_head SET hash = ? WHERE id = 1", link);

        AuditStore.StoredRecord old = store.find(c.evaluationId()).orElseThrow();
        assertThat(old.content().citationsHash()).isNull();
        assertThat(store.verify().valid()).isTrue();
        assertThat(store.firedRules(old)).isEqualTo(fired);
        assertThat(fired).filteredOn(f -> f.name().equals("ST-1 Overstay")).singleElement()
                .satisfies(f -> assertThat(f.citations()).isNotEmpty());
    }

    @Test
    void verifyNamesADeletedRecordAndAMissingTail() {
        for (int i = 0; i < 5; i++) {
            check(AMERICAN);
        }
        db.jdbc().update("DELETE FROM audit_record WHERE seq = 5");
        AuditStore.Verification tail = store.verify();
        assertThat(tail.valid()).isFalse();
        assertThat(tail.firstBroken().problem()).contains("head says the chain ends at record 5");

        db.jdbc().update("DELETE FROM audit_record WHERE seq = 2");
        AuditStore.Verification gap = store.verify();
        assertThat(gap.firstBroken().seq()).isEqualTo(3);
        assertThat(gap.firstBroken().problem()).isEqualTo("record 2 is missing: the chain jumps to record 3");
    }

    @Test
    void purgingOldRecordsKeepsTheRestVerifiable() {
        check(OVERSTAYING_GERMAN);
        check(AMERICAN);
        clock.advance(Duration.ofDays(100));
        CheckResponse kept = check(LAWFUL_GERMAN);

        AuditStore.Purge purge = store.purge(clock.instant().minus(Duration.ofDays(30)));
        assertThat(purge.purged()).isEqualTo(2);
        assertThat(purge.anchor().seq()).isEqualTo(2);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.firings("ST-1 Overstay", null, null, 0, 10).evaluations()).isZero();
        assertThat(store.find(kept.evaluationId())).isPresent();
        check(AMERICAN);
        AuditStore.Verification v = store.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.anchor().seq()).isEqualTo(2);
        assertThat(v.records()).isEqualTo(2);
        assertThat(store.purge(clock.instant().minus(Duration.ofDays(30))).purged()).isZero();
    }

    @Test
    void theServingRulesetIsStoredOnceByContentAndReloadsToTheSameVersion() {
        check(OVERSTAYING_GERMAN);
        check(AMERICAN);
        RuleBase serving = TestRules.ruleBase();
        assertThat(store.rulesets()).singleElement()
                .satisfies(r -> assertThat(r.version()).isEqualTo(serving.version()));
        List<RuleFile> files = store.rulesetFiles(serving.version());
        assertThat(files).extracting(RuleFile::path)
                .containsExactlyElementsOf(serving.files().stream().map(RuleFile::path).sorted().toList());

        active.activate(ChangedRules.ruleBase());
        check(AMERICAN);
        assertThat(store.rulesets()).hasSize(2);
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
        Replayer replayer = new Replayer(store, checks, active, version -> {
            List<RuleFile> files = store.rulesetFiles(version);
            return files.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(kz.qagida.rules.RuleBaseLoader.load(files));
        }, json);

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
    void concurrentWritersOnOneDatabaseKeepOneLinearChainWithoutLossOrDuplicates() throws Exception {
        AuditStore otherStore = db.store();
        AuditWriter otherWriter = new AuditWriter(otherStore, AuditProperties.defaults());
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
        assertThat(store.count()).isEqualTo(320);
        assertThat(db.jdbc().queryForList("SELECT evaluation_id FROM audit_record", UUID.class))
                .containsExactlyInAnyOrderElementsOf(answered);
        AuditStore.Verification v = store.verify();
        assertThat(v.valid()).isTrue();
        assertThat(v.head().seq()).isEqualTo(320);
    }

    @Test
    void aCheckIsRefusedWith503WhenTheStoreIsDown() throws InterruptedException {
        DriverManagerDataSource down = new DriverManagerDataSource("jdbc:postgresql://127.0.0.1:1/down", "x", "");
        AuditWriter downWriter = new AuditWriter(new AuditStore(new org.springframework.jdbc.core.JdbcTemplate(down),
                new DataSourceTransactionManager(down)), AuditProperties.defaults());
        try {
            CheckService refusing = recording(new AuditTrail(downWriter, json, clock, AuditProperties.defaults()));
            assertThatThrownBy(() -> refusing.check(json.readValue(AMERICAN, CheckRequest.class), null, null, "x", false))
                    .isInstanceOfSatisfying(AuditUnavailableException.class,
                            e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        } finally {
            downWriter.close();
        }
        assertThat(store.count()).isZero();
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
}

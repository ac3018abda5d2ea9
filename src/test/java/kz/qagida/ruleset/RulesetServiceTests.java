package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckService;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.DecisionTableWriter;
import kz.qagida.rules.TestRules;

/** The activation gate: what an analyst breaks is refused and the old rules keep serving. */
class RulesetServiceTests {

    private static final Clock CLOCK = Clock.fixed(LocalDate.of(2024, 6, 1).atStartOfDay(ZoneId.of("Asia/Almaty")).toInstant(),
            ZoneId.of("Asia/Almaty"));
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path root;
    RulesetStore store;
    ActiveRuleBase active;
    RulesetService service;
    String original;

    @BeforeEach
    void copyTheRules() {
        RulesRootCopy.copy(root);
        store = TestStore.h2();
        active = new ActiveRuleBase(Startup.serve(new RulesRoot(root), store, false, "test", TestRules.compiledCache()));
        service = new RulesetService(active, new RulesRoot(root), store,
                new StoredRuleBases(store, active, 2, TestRules.compiledCache()), new Gate(CLOCK, JSON, TestRules.compiledCache())::check);
        original = active.get().version();
    }

    private Path table(String name) {
        return root.resolve("decision-tables/entry/" + name);
    }

    private int hongKongDays() {
        CheckService check = new CheckService(active, CLOCK);
        var response = check.check(JSON.readValue("{\"asOf\":\"2024-06-01\",\"person\":{\"citizenship\":\"HK\"}}", CheckRequest.class), "en");
        return response.conclusions().stream().filter(c -> c.code().equals("VISA_FREE_ENTRY"))
                .map(c -> ((Number) c.facts().get("maxDaysPerEntry")).intValue()).findFirst().orElseThrow();
    }

    @Test
    void reloadingUnchangedRulesChangesNothing() {
        GateReport report = service.reload("test").report();
        assertThat(report.passed()).isTrue();
        assertThat(active.get().version()).isEqualTo(original);
        assertThat(service.history().get(0).outcome()).isEqualTo(HistoryEntry.Outcome.UNCHANGED);
    }

    @Test
    void aChangedNumberWithItsScenarioGoesLive() throws IOException {
        RulesRootCopy.editCell(table("bilateral-treaties.drl.xlsx"), "EN-4 HK", "14", "10");
        RulesRootCopy.replaceInFile(root.resolve("scenarios/entry/visa-regimes.yaml"), "rule: EN-4, facts: { maxDaysPerEntry: 14 }", "rule: EN-4, facts: { maxDaysPerEntry: 10 }");
        GateReport report = service.reload("analyst").report();
        assertThat(report.errors()).isEmpty();
        assertThat(report.scenarioFailures()).isEmpty();
        assertThat(report.passed()).isTrue();
        assertThat(active.get().version()).isNotEqualTo(original).isEqualTo(report.version());
        assertThat(hongKongDays()).isEqualTo(10);
        assertThat(service.history().get(0)).satisfies(h -> {
            assertThat(h.outcome()).isEqualTo(HistoryEntry.Outcome.ACTIVATED);
            assertThat(h.by()).isEqualTo("analyst");
        });
    }

    @Test
    void aChangedNumberThatAScenarioContradictsIsRefused() throws IOException {
        RulesRootCopy.editCell(table("bilateral-treaties.drl.xlsx"), "EN-4 HK", "14", "10");
        GateReport report = service.reload("analyst").report();
        assertThat(report.passed()).isFalse();
        assertThat(report.scenarioFailures()).anySatisfy(f -> assertThat(f).contains("A Hong Kong passport holder in 2024"));
        assertThat(active.get().version()).isEqualTo(original);
        assertThat(hongKongDays()).isEqualTo(14);
    }

    @Test
    void aBrokenDrlIsRefusedNamingTheFileAndTheOldRulesKeepServing() throws IOException {
        RulesRootCopy.replaceInFile(root.resolve("rules-drl/stay/overstay.drl"), "$o : Overstay()", "$o : Overstay(nonsense > 1)");
        GateReport report = service.reload("analyst").report();
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("rules-drl/stay/overstay.drl");
            assertThat(e.location()).startsWith("line ");
        });
        assertThat(active.get().version()).isEqualTo(original);
        assertThat(service.history().get(0).outcome()).isEqualTo(HistoryEntry.Outcome.REFUSED);
        assertThat(service.history().get(0).errors()).isNotEmpty();
    }

    @Test
    void aTableThatYieldsNoRulesIsRefused() throws IOException {
        new DecisionTableWriter("kz.qagida.rules.entry", "kz.qagida.facts.input.*", "EN-1 Nothing")
                .column("NAME", null, null, "Name")
                .column("CONDITION", "Person", "citizenship == \"$param\"", "Citizenship")
                .column("ACTION", null, "System.out.println(\"$param\");", "Say")
                .write(table("empty.drl.xlsx"));
        GateReport report = service.reload("analyst").report();
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).anySatisfy(e -> assertThat(e.file()).isEqualTo("decision-tables/entry/empty.drl.xlsx"));
        assertThat(active.get().version()).isEqualTo(original);
    }

    @Test
    void rowsWithTheSameConditionsAndOverlappingValidityAreRefused() throws IOException {
        new DecisionTableWriter("kz.qagida.rules.entry", "kz.qagida.facts.entry.*, kz.qagida.facts.input.*, kz.qagida.law.*", "EN-4 Overlap")
                .column("NAME", null, null, "Name")
                .column("CONDITION", "Person", "citizenship == \"$param\"", "Citizenship")
                .column("ACTION", null, "insert(RegimeCandidate.bilateral(RuleInfo.of(drools), PassportType.$param));", "Passport")
                .column("METADATA", null, "maxDaysPerEntry(\"$param\")", "Days")
                .column("METADATA", null, "id(\"$param\")", "id")
                .column("METADATA", null, "citation(\"$param\")", "citation")
                .column("METADATA", null, "source(\"$param\")", "source")
                .column("METADATA", null, "validFrom(\"$param\")", "from")
                .column("METADATA", null, "validTo(\"$param\")", "to")
                .row(null, "EN-4 MN test", "MN", "ORDINARY", "90", "EN-4", "TREATY:MN", "002_d0b006081fdc65c8.txt", "2024-01-01", "2024-12-31")
                .row(null, "EN-4 MN test 2", "MN", "ORDINARY", "60", "EN-4", "TREATY:MN", "002_d0b006081fdc65c8.txt", "2024-12-01", "")
                .write(table("overlap.drl.xlsx"));
        GateReport report = service.reload("analyst").report();
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).anySatisfy(e -> {
            assertThat(e.file()).isEqualTo("decision-tables/entry/overlap.drl.xlsx");
            assertThat(e.location()).isEqualTo("row 10");
            assertThat(e.message()).contains("EN-4 MN test", "overlap");
        });
        assertThat(active.get().version()).isEqualTo(original);
    }

    @Test
    void aFailingScenarioIsRefused() throws IOException {
        Files.writeString(root.resolve("scenarios/entry/wrong.yaml"), """
                scenarios:
                  - name: "A German in 2024 wrongly expected to need a visa"
                    request: { asOf: "2024-06-01", person: { citizenship: "DE" } }
                    expect: { conclusions: [ { code: VISA_REQUIRED } ] }
                """);
        GateReport report = service.reload("analyst").report();
        assertThat(report.passed()).isFalse();
        assertThat(report.scenarioFailures()).singleElement().asString().contains("wrongly expected");
        assertThat(active.get().version()).isEqualTo(original);
    }

    @Test
    void anEarlierVersionCanBeRolledBackTo() throws IOException {
        RulesRootCopy.editCell(table("bilateral-treaties.drl.xlsx"), "EN-4 HK", "14", "10");
        RulesRootCopy.replaceInFile(root.resolve("scenarios/entry/visa-regimes.yaml"), "rule: EN-4, facts: { maxDaysPerEntry: 14 }", "rule: EN-4, facts: { maxDaysPerEntry: 10 }");
        assertThat(service.reload("analyst").report().passed()).isTrue();
        assertThat(hongKongDays()).isEqualTo(10);

        assertThat(service.rollback(original, "auditor")).isPresent();
        assertThat(active.get().version()).isEqualTo(original);
        assertThat(hongKongDays()).isEqualTo(14);
        assertThat(service.history()).extracting(HistoryEntry::outcome).startsWith(HistoryEntry.Outcome.ROLLED_BACK,
                HistoryEntry.Outcome.ACTIVATED);
        assertThat(service.rollback("sha256:unknown", "auditor")).isEmpty();
    }

    @Test
    void aZippedCandidateIsValidatedWithoutGoingLive() throws IOException {
        RulesRootCopy.editCell(table("bilateral-treaties.drl.xlsx"), "EN-4 HK", "14", "10");
        GateReport report = service.validate(Uploads.unzip(RulesRootCopy.zip(root), Uploads.Limits.DEFAULT));
        assertThat(report.passed()).isFalse();
        assertThat(report.scenarioFailures()).isNotEmpty();
        assertThat(active.get().version()).isEqualTo(original);

        RulesRootCopy.replaceInFile(root.resolve("scenarios/entry/visa-regimes.yaml"), "rule: EN-4, facts: { maxDaysPerEntry: 14 }", "rule: EN-4, facts: { maxDaysPerEntry: 10 }");
        GateReport good = service.validate(Uploads.unzip(RulesRootCopy.zip(root), Uploads.Limits.DEFAULT));
        assertThat(good.passed()).isTrue();
        assertThat(good.version()).isNotEqualTo(original);
        assertThat(active.get().version()).isEqualTo(original);
    }

    @Test
    void aZipThatIsNotAZipOrEscapesTheRootIsRefused() throws IOException {
        assertThatThrownBy(() -> Uploads.unzip("not a zip".getBytes(), Uploads.Limits.DEFAULT))
                .isInstanceOf(Uploads.Refused.class).hasMessageContaining("not a readable zip");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("../../evil.drl"));
            zip.write("x".getBytes());
            zip.closeEntry();
        }
        assertThatThrownBy(() -> Uploads.unzip(bytes.toByteArray(), Uploads.Limits.DEFAULT))
                .isInstanceOf(Uploads.Refused.class).hasMessageContaining("climbs out of the rules root")
                .extracting(e -> ((Uploads.Refused) e).entry()).isEqualTo("../../evil.drl");
    }

    private static final String HOSTILE = VocabularyTests.RULE.formatted("    System.exit(3);");

    @Test
    void aFolderThatReachesOutsideTheVocabularyCannotSeedAnEmptyStore() throws IOException {
        Files.writeString(root.resolve("rules-drl/hostile.drl"), HOSTILE);
        assertThatThrownBy(() -> Startup.serve(new RulesRoot(root), TestStore.h2(), false, "test", TestRules.compiledCache()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rules-drl/hostile.drl line 9: System");
    }

    @Test
    void aDevelopersFolderThatReachesOutsideTheVocabularyDoesNotWin() throws IOException {
        Files.writeString(root.resolve("rules-drl/hostile.drl"), HOSTILE);
        var served = Startup.serve(new RulesRoot(root), store, true, "test", TestRules.compiledCache());
        assertThat(served.version()).isEqualTo(original);
        assertThat(store.active().orElseThrow().version()).isEqualTo(original);
    }
}

package kz.qagida.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.qagida.law.RuleInfo;

class RuleBaseLoaderTests {

    private static final String HEADER = """
            package kz.qagida.rules.test;
            import kz.qagida.facts.input.*;
            import kz.qagida.law.*;
            """;

    private static final String GOOD_RULE = """
            rule "EN-1 A visa-free person"
                @id("EN-1")
                @citation("RULES_148 para. 17")
                @source("000_e7ecb9b3049f1eed.txt")
                @validFrom("2024-01-01")
            when
                Person()
            then
                insert(Conclusion.of(drools, "VISA_FREE_ENTRY", Severity.INFO, Subject.FOREIGNER));
            end
            """;

    @TempDir
    Path dir;

    private static RuleFile drl(String path, String text) {
        return new RuleFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> problems(List<RuleFile> files) {
        try {
            RuleBaseLoader.load(files);
        } catch (RuleLoadException e) {
            return e.problems().stream().map(Problem::toString).toList();
        }
        throw new AssertionError("the rules loaded but should have been refused");
    }

    @Test
    void aGoodRuleLoadsWithItsCitationAndValidity() {
        RuleBase base = RuleBaseLoader.load(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE)));
        assertThat(base.ruleCounts()).containsEntry("rules-drl/entry/a.drl", 1);
        RuleInfo info = base.catalog().get(0);
        assertThat(info.id()).isEqualTo("EN-1");
        assertThat(info.file()).isEqualTo("rules-drl/entry/a.drl");
        assertThat(info.citations().get(0).act()).isEqualTo("RULES_148");
        assertThat(info.citations().get(0).paragraph()).isEqualTo("17");
        assertThat(info.citations().get(0).source()).isEqualTo("000_e7ecb9b3049f1eed.txt");
        assertThat(info.validity().from()).hasToString("2024-01-01");
        assertThat(info.validity().to()).isNull();
    }

    @Test
    void aCompileErrorNamesTheFileAndLine() {
        String broken = HEADER + GOOD_RULE.replace("Person()", "Person(noSuchField == 1)");
        assertThat(problems(List.of(drl("rules-drl/entry/broken.drl", broken))))
                .anySatisfy(p -> assertThat(p).startsWith("rules-drl/entry/broken.drl (line ").contains("noSuchField"));
    }

    @Test
    void aRuleMayRunInANamedPhase() {
        String phased = HEADER + GOOD_RULE.replace("    @validFrom(\"2024-01-01\")\n",
                "    @validFrom(\"2024-01-01\")\n    salience (Phase.DERIVE)\n");
        RuleBase base = RuleBaseLoader.load(List.of(drl("rules-drl/entry/a.drl", phased)));
        assertThat(base.ruleCounts()).containsEntry("rules-drl/entry/a.drl", 1);
    }

    @Test
    void anEarlierPhaseFiresFirstWhateverTheOrderOfTheFile() {
        String late = GOOD_RULE.replace("EN-1 A visa-free person", "EN-1 Late")
                .replace("    @validFrom(\"2024-01-01\")\n", "    salience (Phase.ANNOTATE)\n");
        String early = GOOD_RULE.replace("EN-1 A visa-free person", "EN-1 Early")
                .replace("    @validFrom(\"2024-01-01\")\n", "    salience (Phase.CLASSIFY)\n");
        String unphased = GOOD_RULE.replace("EN-1 A visa-free person", "EN-1 Unphased")
                .replace("    @validFrom(\"2024-01-01\")\n", "");
        RuleBase base = RuleBaseLoader.load(List.of(drl("rules-drl/entry/a.drl", HEADER + late + unphased + early)));
        var person = new kz.qagida.facts.input.Person("DE", kz.qagida.facts.input.PassportType.ORDINARY, null, null, false);
        assertThat(base.evaluate(java.time.LocalDate.parse("2024-06-01"), List.of(person), false).firedRules())
                .extracting(FiredRule::name).containsExactly("EN-1 Early", "EN-1 Unphased", "EN-1 Late");
    }

    @Test
    void aSalienceThatIsNotANamedPhaseIsRefusedWithItsLine() {
        String numbered = HEADER + GOOD_RULE.replace("    @validFrom(\"2024-01-01\")\n",
                "    @validFrom(\"2024-01-01\")\n    salience -10\n");
        String misnamed = HEADER + GOOD_RULE.replace("EN-1 A visa-free person", "EN-1 Another")
                .replace("    @validFrom(\"2024-01-01\")\n", "    @validFrom(\"2024-01-01\")\n    salience (Phase.LATER)\n");
        assertThat(problems(List.of(drl("rules-drl/entry/numbered.drl", numbered), drl("rules-drl/entry/misnamed.drl", misnamed))))
                .anySatisfy(p -> assertThat(p).startsWith("rules-drl/entry/numbered.drl (line 9): salience -10 is not a named phase"))
                .anySatisfy(p -> assertThat(p).startsWith("rules-drl/entry/misnamed.drl (line 9): salience (Phase.LATER) is not a named phase"));
    }

    @Test
    void aSyntaxErrorNamesTheFile() {
        assertThat(problems(List.of(drl("rules-drl/entry/garbage.drl", HEADER + "rule \"EN-1 x\" when then end end"))))
                .anySatisfy(p -> assertThat(p).startsWith("rules-drl/entry/garbage.drl"));
    }

    @Test
    void aFileWithoutRulesIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE), drl("rules-drl/entry/empty.drl", HEADER))))
                .containsExactly("rules-drl/entry/empty.drl: yields no rules: check the RuleTable keyword, the header rows "
                        + "and that data rows follow them without a blank row");
    }

    @Test
    void aRuleWithoutIdIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE.replace("    @id(\"EN-1\")\n", "")))))
                .anySatisfy(p -> assertThat(p).startsWith("rules-drl/entry/a.drl (line 4)").contains("has no @id"));
    }

    @Test
    void aRuleWithoutCitationIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE.replace("    @citation(\"RULES_148 para. 17\")\n", "")))))
                .anySatisfy(p -> assertThat(p).contains("has no @citation"));
    }

    @Test
    void aCitationThatDoesNotParseIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE.replace("RULES_148 para. 17", "rules 148 p 17")))))
                .anySatisfy(p -> assertThat(p).contains("does not start with an act id"));
    }

    @Test
    void aRuleWithoutSourceIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE.replace("    @source(\"000_e7ecb9b3049f1eed.txt\")\n", "")))))
                .anySatisfy(p -> assertThat(p).contains("has no @source"));
    }

    @Test
    void anUnparseableValidityDateIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE.replace("2024-01-01", "2024-13-01")))))
                .anySatisfy(p -> assertThat(p).contains("validFrom '2024-13-01' is not a date"));
    }

    @Test
    void aValidityThatEndsBeforeItStartsIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl",
                HEADER + GOOD_RULE.replace("@validFrom(\"2024-01-01\")", "@validFrom(\"2024-01-01\") @validTo(\"2023-01-01\")")))))
                .anySatisfy(p -> assertThat(p).contains("is before validFrom"));
    }

    @Test
    void aRuleNamedOtherwiseThanItsIdIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE.replace("\"EN-1 A visa", "\"A visa")))))
                .anySatisfy(p -> assertThat(p).contains("must be named after its @id"));
    }

    @Test
    void aDuplicateRuleNameAcrossFilesIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE),
                drl("rules-drl/stay/b.drl", HEADER.replace("rules.test", "rules.other") + GOOD_RULE))))
                .anySatisfy(p -> assertThat(p).startsWith("rules-drl/stay/b.drl (line 4)")
                        .contains("duplicate rule name \"EN-1 A visa-free person\" (also in rules-drl/entry/a.drl)"));
    }

    @Test
    void aNumberParameterThatIsNotAWholeNumberIsRefused() {
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE.replace("@validFrom", "@windowDays(\"ninety\") @validFrom")))))
                .anySatisfy(p -> assertThat(p).contains("@windowDays \"ninety\" is not a whole number"));
    }

    @Test
    void aDecisionTableThatYieldsNoRulesIsRefusedByName() throws IOException {
        Path table = dir.resolve("empty.drl.xlsx");
        // the keyword misspelt: Drools itself would silently compile this to nothing
        new DecisionTableWriter("kz.qagida.rules.test", "kz.qagida.facts.input.*", "EN-1 Nothing")
                .column("NAME", null, null, "Name")
                .column("KONDITION", "Person", "citizenship == \"$param\"", "Citizenship")
                .row(null, "EN-1 DE", "DE")
                .write(table);
        assertThat(problems(List.of(drl("rules-drl/entry/a.drl", HEADER + GOOD_RULE),
                new RuleFile("decision-tables/entry/empty.drl.xlsx", Files.readAllBytes(table)))))
                .anySatisfy(p -> assertThat(p).startsWith("decision-tables/entry/empty.drl.xlsx"));
    }

    @Test
    void aBadCellInADecisionTableIsNamedByItsOwnCell() throws IOException {
        Path table = dir.resolve("bad.drl.xlsx");
        table(List.of(new String[] {"EN-1 DE", "DE", "EN-1", "RULES_148 para. 17", "2024-01-01"},
                new String[] {"EN-1 FR", "FR", "EN-1", "RULES_148 para. 17", "2024-02-30"})).write(table);
        assertThat(problems(List.of(new RuleFile("decision-tables/entry/bad.drl.xlsx", Files.readAllBytes(table)))))
                .containsExactly("decision-tables/entry/bad.drl.xlsx (cell F10 of sheet Rules): validFrom '2024-02-30' is not a date (yyyy-MM-dd, or a date cell)");
    }

    @Test
    void everyDataRowOfATableBecomesARuleWithItsRowNumber() throws IOException {
        Path table = dir.resolve("good.drl.xlsx");
        table(List.of(new String[] {"EN-1 DE", "DE", "EN-1", "RULES_148 para. 17", ""},
                new String[] {"EN-1 FR", "FR", "EN-1", "RULES_148 para. 17", "2024-01-01"})).write(table);
        RuleBase base = RuleBaseLoader.load(List.of(new RuleFile("decision-tables/entry/good.drl.xlsx", Files.readAllBytes(table))));
        assertThat(base.ruleCounts()).containsEntry("decision-tables/entry/good.drl.xlsx", 2);
        assertThat(base.catalog()).extracting(RuleInfo::name, RuleInfo::row).containsExactly(
                org.assertj.core.groups.Tuple.tuple("EN-1 DE", 9), org.assertj.core.groups.Tuple.tuple("EN-1 FR", 10));
        assertThat(base.catalog().get(0).note()).isEqualTo("note for EN-1 DE");
    }

    private static DecisionTableWriter table(List<String[]> rows) {
        DecisionTableWriter w = new DecisionTableWriter("kz.qagida.rules.test", "kz.qagida.facts.input.*, kz.qagida.law.*", "EN-1 Test")
                .column("NAME", null, null, "Name")
                .column("CONDITION", "Person", "citizenship == \"$param\"", "Citizenship")
                .column("METADATA", null, "id(\"$param\")", "id")
                .column("METADATA", null, "citation(\"$param\")", "citation")
                .column("METADATA", null, "validFrom(\"$param\")", "from")
                .column("METADATA", null, "source(\"000_e7ecb9b3049f1eed.txt\")", "source");
        for (String[] r : rows) {
            List<String> cells = new ArrayList<>(List.of(r));
            cells.add("x");
            w.row("note for " + r[0], cells.toArray(String[]::new));
        }
        return w;
    }

    @Test
    void theVersionHashesPathsAndContentsInPathOrder() {
        RuleFile a = drl("rules-drl/a.drl", "x");
        RuleFile b = drl("rules-drl/b.drl", "y");
        String version = RuleBaseLoader.version(List.of(a, b));
        assertThat(version).startsWith("sha256:").hasSize(71);
        assertThat(RuleBaseLoader.version(List.of(b, a))).isEqualTo(version);
        assertThat(RuleBaseLoader.version(List.of(a, drl("rules-drl/b.drl", "z")))).isNotEqualTo(version);
        assertThat(RuleBaseLoader.version(List.of(a, drl("rules-drl/c.drl", "y")))).isNotEqualTo(version);
    }

    @Test
    void theProjectRulesAreAlsoPackagedOnTheClasspath() {
        List<RuleFile> packaged = RuleSource.fromClasspath();
        List<RuleFile> onDisk = RuleSource.fromDirectory(TestRules.ROOT);
        assertThat(packaged).extracting(RuleFile::path).containsExactlyElementsOf(onDisk.stream().map(RuleFile::path).toList());
        assertThat(RuleBaseLoader.version(packaged)).isEqualTo(RuleBaseLoader.version(onDisk));
    }

    @Test
    void editorLockFilesAreIgnored() throws IOException {
        Files.createDirectories(dir.resolve("decision-tables/entry"));
        Files.createDirectories(dir.resolve("rules-drl/entry"));
        Files.writeString(dir.resolve("rules-drl/entry/a.drl"), HEADER + GOOD_RULE);
        Files.writeString(dir.resolve("decision-tables/entry/~$a.drl.xlsx"), "lock");
        assertThat(RuleSource.fromDirectory(dir)).extracting(RuleFile::path).containsExactly("rules-drl/entry/a.drl");
        assertThatThrownBy(() -> RuleBaseLoader.load(List.of())).isInstanceOf(RuleLoadException.class);
    }
}

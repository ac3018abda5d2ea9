package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleSource;
import kz.qagida.rules.TestRules;

/** The rules' vocabulary, in text (DRL lines and table cells) and in the compiled rules' types. */
class VocabularyTests {

    /** A rule with one consequence line to fill in (line 9 of the file). */
    static final String RULE = """
            package kz.qagida.rules.hostile;
            import kz.qagida.facts.input.*;

            rule "XX-1 Hostile"
                @id("XX-1") @citation("RULES_148 para. 9") @source("002_d0b006081fdc65c8.txt")
            when
                $p : Person()
            then
            %s
            end
            """;

    private static List<Finding> drl(String then) {
        return Vocabulary.check(List.of(new RuleFile("rules-drl/x.drl", RULE.formatted(then).getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void theProjectsRulesStayInsideTheVocabulary() {
        assertThat(Vocabulary.check(RuleSource.fromDirectory(TestRules.ROOT))).isEmpty();
    }

    @Test
    void namesOutsideAreFoundInCodeButNotInStringsOrComments() {
        assertThat(drl("    String s = \"System.exit(0)\"; // Runtime.getRuntime()\n    insert(java.util.List.of(s));")).isEmpty();
        assertThat(drl("    Thread.sleep(1);")).extracting(Finding::toString)
                .containsExactly("ERROR rules-drl/x.drl (line 9): Thread: outside the rules' vocabulary (the project's facts, "
                        + "law and calendar types, java.time, java.util, java.math, plain java.lang types)");
        assertThat(drl("    Class.forName(\"java.lang.Runtime\");")).extracting(Finding::location).containsOnly("line 9");
        assertThat(drl("    java.util.concurrent.Executors.newSingleThreadExecutor();")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("java.util.concurrent.Executors.newSingleThreadExecutor: outside"));
        assertThat(drl("    java.time.LocalDate d = java.time.LocalDate.now();")).extracting(Finding::message)
                .contains(".now: rules never read the clock; they use the check's asOf date");
        assertThat(drl("    S\\u0079stem.exit(1);")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("a Unicode escape"));
        assertThat(drl("    for (int i = 0; ; i++) { }")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith("a counting for loop"));
        assertThat(drl("    java.util.stream.Stream.iterate(1, n -> n + 1).filter(n -> n < 0).findFirst();"))
                .extracting(Finding::message).anySatisfy(m -> assertThat(m).startsWith(".iterate: an endless or unbounded sequence"));
        assertThat(drl("    java.util.stream.IntStream.range(0, $p.hashCode()).sum();")).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).startsWith(".range: an endless or unbounded sequence"));
    }

    @Test
    void aTableCellOutsideTheVocabularyIsNamedByItsCell(@TempDir Path dir) throws IOException {
        Path table = dir.resolve("host-fines.drl.xlsx");
        Files.copy(TestRules.ROOT.resolve("decision-tables/host/host-fines.drl.xlsx"), table);
        RulesRootCopy.editCell(table, "HO-3 Small business fined 10 MRP", "SMALL", "SMALL, eval(System.getenv(\"X\") != null)");
        RulesRootCopy.editCell(table, "Import", "kz.qagida.facts.host.*, kz.qagida.facts.input.*, kz.qagida.law.*",
                "kz.qagida.facts.host.*, kz.qagida.facts.input.*, kz.qagida.law.*, java.io.*");
        List<Finding> findings = Vocabulary.check(List.of(new RuleFile("decision-tables/host/host-fines.drl.xlsx",
                Files.readAllBytes(table))));
        assertThat(findings).extracting(Finding::toString)
                .anySatisfy(f -> assertThat(f).startsWith("ERROR decision-tables/host/host-fines.drl.xlsx (cell D11): System: outside"))
                .anySatisfy(f -> assertThat(f).startsWith("ERROR decision-tables/host/host-fines.drl.xlsx (cell C2): import of java.io.*"));
    }

    @Test
    void theCompiledRulesTypesCatchWhatTheTextDoesNotName() {
        // the text names only java.time, but the call lands on java.time.chrono, outside the vocabulary
        String then = "    String id = java.time.LocalDate.of(2024, 1, 1).getChronology().getId();";
        List<RuleFile> files = List.of(new RuleFile("rules-drl/x.drl", RULE.formatted(then).getBytes(StandardCharsets.UTF_8)));
        assertThat(Vocabulary.check(files)).isEmpty();
        GateReport report = new Gate(Clock.systemUTC(), JsonMapper.builder().build()).check(files, List.of()).report();
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).extracting(Finding::toString).containsExactly("ERROR rules-drl/x.drl (rule XX-1 Hostile): "
                + "the compiled rules refer to java.time.chrono.IsoChronology: outside the rules' vocabulary");
    }
}

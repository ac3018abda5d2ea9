package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.qagida.rules.RuleFile;
import kz.qagida.rules.TestRules;

/** The diff of two rulesets: table rows by NAME with their columns, DRL rules by name, lines with context. */
class RulesetDiffTests {

    private static final String BANDS = "decision-tables/penalties/overstay-bands.drl.xlsx";

    @TempDir
    Path dir;

    @Test
    void aChangedCellIsOneChangedRowNamingItsColumn() throws Exception {
        Path table = dir.resolve("bands.drl.xlsx");
        Files.copy(TestRules.ROOT.resolve(BANDS), table);
        RulesRootCopy.editCell(table, "PE-1 Overstay of 6 to 10 days", "KOAP art. 517 part 3-4", "KOAP art. 517 part 4");

        List<RulesetDiff.FileChange> changes = RulesetDiff.compare(
                List.of(new RuleFile(BANDS, Files.readAllBytes(TestRules.ROOT.resolve(BANDS))), text("messages/en.yaml", "a: 1\n")),
                List.of(new RuleFile(BANDS, Files.readAllBytes(table)), text("messages/en.yaml", "a: 1\n")));

        assertThat(changes).hasSize(1);
        RulesetDiff.FileChange c = changes.get(0);
        assertThat(c.path()).isEqualTo(BANDS);
        assertThat(c.kind()).isEqualTo(RulesetDiff.Kind.CHANGED);
        assertThat(c.rows()).containsExactly(new RulesetDiff.RowChange("PE-1 Overstay of 6 to 10 days", RulesetDiff.Kind.CHANGED,
                List.of(new RulesetDiff.Cell("citation", "KOAP art. 517 part 3-4", "KOAP art. 517 part 4"))));
        assertThat(c.lines()).as("the header rows are the same").isEmpty();
    }

    @Test
    void drlRulesAreNamedAndLinesShownWithTheirContext() {
        String before = "package p;\n\nrule \"A\"\nwhen\n  X()\nthen\nend\n\nrule \"B\"\nwhen\n  Y()\nthen\nend\n";
        String after = before.replace("Y()", "Y(z > 1)") + "\nrule C\nwhen\nthen\nend\n";

        RulesetDiff.FileChange c = RulesetDiff.compare(List.of(text("rules-drl/x.drl", before)),
                List.of(text("rules-drl/x.drl", after), text("rules-drl/y.drl", "rule \"D\" end"))).get(0);

        assertThat(c.rules()).extracting(RulesetDiff.RowChange::name, RulesetDiff.RowChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("B", RulesetDiff.Kind.CHANGED), org.assertj.core.groups.Tuple.tuple("C", RulesetDiff.Kind.ADDED));
        assertThat(c.lines()).extracting(l -> l.op() + (l.gap() ? "…" : l.text())).containsSubsequence(
                " …", " rule \"B\"", " when", "-  Y()", "+  Y(z > 1)", " then", " end");
        assertThat(c.lines()).filteredOn(l -> l.op() == '-').singleElement()
                .satisfies(l -> assertThat(l.before()).isEqualTo(11));
    }

    @Test
    void addedAndRemovedFilesAreListed() {
        List<RulesetDiff.FileChange> changes = RulesetDiff.compare(List.of(text("reference/a.yaml", "x\n")),
                List.of(text("reference/b.yaml", "y\n")));
        assertThat(changes).extracting(RulesetDiff.FileChange::path, RulesetDiff.FileChange::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reference/a.yaml", RulesetDiff.Kind.REMOVED),
                org.assertj.core.groups.Tuple.tuple("reference/b.yaml", RulesetDiff.Kind.ADDED));
    }

    private static RuleFile text(String path, String content) {
        return new RuleFile(path, content.getBytes(StandardCharsets.UTF_8));
    }
}

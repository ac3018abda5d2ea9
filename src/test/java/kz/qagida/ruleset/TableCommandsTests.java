package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.qagida.rules.DecisionTableWriter;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;

/** The table dump for reviews and {@code git diff}, and the lint's findings about table columns. */
class TableCommandsTests {

    @TempDir
    Path dir;

    @Test
    void theDumpKeysRowsByNameAndNamesEveryValuesColumn() throws IOException {
        Path table = dir.resolve("typed.drl.xlsx");
        try (InputStream in = getClass().getResourceAsStream("/tables/resaved-in-libreoffice.drl.xlsx")) {
            Files.write(table, in.readAllBytes());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(Commands.run(new String[] {"dump", table.toString()}, new PrintStream(bytes, true, StandardCharsets.UTF_8))).isZero();
        String dump = bytes.toString(StandardCharsets.UTF_8);
        assertThat(dump).contains("""
                [TT-1 US date]
                  note = a date typed as 12/31/2026
                  Value = false
                  Apply = x
                  stayPerVisitDays = 30
                  id = TT-1
                  citation = RULES_VISA
                  source = 002_d0b006081fdc65c8.txt
                  validFrom = 2026-01-01
                  validTo = 2026-12-31
                """);
        assertThat(dump).contains("typed-in-libreoffice.drl!5:  | NAME | CONDITION | ACTION | METADATA");
    }

    @Test
    void theLintAsksForAColumnTypeAndReportsAColumnNothingReads() throws IOException {
        String unread = String.join("", "never", "Read", "Anywhere"); // not a constant of this class
        Path table = dir.resolve("t.drl.xlsx");
        new DecisionTableWriter("kz.qagida.rules.typed", "java.lang.Boolean", "TT-1 Columns")
                .column("NAME", null, null, "Rule")
                .column("CONDITION", "Boolean", "booleanValue() == $param", "Value [boolean]")
                .column("ACTION", null, "drools.getRule();", "Apply [text]")
                .column("METADATA", null, unread + "(\"$param\")", "Unread")
                .column("METADATA", null, "id(\"$param\")", "Id [text]")
                .column("METADATA", null, "citation(\"$param\")", "Citation [text]")
                .column("METADATA", null, "source(\"$param\")", "Source [text]")
                .row(null, "TT-1 row", "true", "x", "7", "TT-1", "RULES_VISA", "002_d0b006081fdc65c8.txt")
                .write(table);
        RuleBase base = RuleBaseLoader.load(List.of(new RuleFile("decision-tables/typed/t.drl.xlsx", Files.readAllBytes(table))));
        assertThat(Lint.check(base)).extracting(Finding::toString).contains(
                Finding.warning("decision-tables/typed/t.drl.xlsx", "column E", unread + " declares no type: end its label (row 8) "
                        + "with one of [days] [whole] [number] [mrp] [date] [dates] [boolean] [country] [enum A|B] [period] [text]").toString(),
                Finding.warning("decision-tables/typed/t.drl.xlsx", "column E", "no rule or fact reads " + unread
                        + ": remove the column, or use it").toString())
                .noneMatch(f -> f.contains("column C") || f.contains("column D") || f.contains("column F"));
    }
}

package kz.qagida.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.qagida.law.RuleInfo;

/**
 * Tables as analysts type them. The fixtures under {@code src/test/resources/tables/} were made by
 * LibreOffice 7 itself: {@code typed-in-libreoffice.drl.xlsx} from the CSV beside it (LibreOffice
 * turns 2025-12-31 and 12/31/2026 into date cells, 60 into a number cell and TRUE into a boolean),
 * {@code resaved-in-libreoffice.drl.xlsx} by opening that file and saving it again (which turns the
 * booleans into the formulas TRUE() and FALSE()):
 * <pre>
 * soffice --headless --infilter="CSV:44,34,76,1,,1033,false,true" --convert-to xlsx typed-in-libreoffice.drl.csv
 * soffice --headless --convert-to xlsx --outdir resaved typed-in-libreoffice.drl.xlsx
 * </pre>
 */
class TableCellsTests {

    @TempDir
    Path dir;

    private static RuleFile fixture(String name) throws IOException {
        try (InputStream in = TableCellsTests.class.getResourceAsStream("/tables/" + name)) {
            return new RuleFile("decision-tables/typed/" + name, in.readAllBytes());
        }
    }

    private static RuleInfo row(RuleBase base, String name) {
        return base.catalog().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void datesNumbersAndBooleansTypedInLibreOfficeLoadAsWhatTheyAre() throws IOException {
        for (String name : List.of("typed-in-libreoffice.drl.xlsx", "resaved-in-libreoffice.drl.xlsx")) {
            RuleBase base = RuleBaseLoader.load(List.of(fixture(name)));
            RuleInfo iso = row(base, "TT-1 ISO date");
            assertThat(iso.validity().from()).isEqualTo(LocalDate.of(2024, 1, 1));
            assertThat(iso.validity().to()).isEqualTo(LocalDate.of(2025, 12, 31));
            assertThat(iso.number("stayPerVisitDays")).isEqualTo(60);
            RuleInfo us = row(base, "TT-1 US date");
            assertThat(us.validity().from()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(us.validity().to()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(base.conditions().get("TT-1 ISO date")).contains("booleanValue() == true");
            assertThat(base.conditions().get("TT-1 US date")).contains("booleanValue() == false");
        }
    }

    @Test
    void aTableSavedAgainUnchangedKeepsItsVersion() throws IOException {
        RuleFile typed = fixture("typed-in-libreoffice.drl.xlsx");
        RuleFile resaved = new RuleFile(typed.path(), fixture("resaved-in-libreoffice.drl.xlsx").content());
        assertThat(resaved.content()).isNotEqualTo(typed.content());
        assertThat(RulesetVersion.of(List.of(resaved))).isEqualTo(RulesetVersion.of(List.of(typed)));
        assertThat(RulesetVersion.ofBytes(List.of(resaved))).isNotEqualTo(RulesetVersion.ofBytes(List.of(typed)));
    }

    @Test
    void aChangedCellChangesTheVersion() throws IOException {
        Path a = dir.resolve("a.drl.xlsx");
        Path b = dir.resolve("b.drl.xlsx");
        table("2025-12-31", "true", "60").write(a);
        table("2025-12-30", "true", "60").write(b);
        assertThat(RulesetVersion.of(List.of(file(a)))).isNotEqualTo(RulesetVersion.of(List.of(file(b))));
    }

    @Test
    void aMistypedDateBooleanOrNumberIsRefusedNamingItsCell() throws IOException {
        Path t = dir.resolve("t.drl.xlsx");
        table("31-Dec-2025", "yes", "6O").write(t);
        assertThatThrownBy(() -> RuleBaseLoader.load(List.of(file(t))))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactlyInAnyOrder(
                                "decision-tables/typed/t.drl.xlsx (cell I9 of sheet Rules): validTo '31-Dec-2025' is not a date (yyyy-MM-dd, or a date cell)",
                                "decision-tables/typed/t.drl.xlsx (cell C9 of sheet Rules): Value 'yes' is not true or false",
                                "decision-tables/typed/t.drl.xlsx (cell E9 of sheet Rules): stayPerVisitDays '6O' is not a whole number of days"));
    }

    @Test
    void aColumnWithoutATagIsTypedByItsNameAndAnUnknownTagIsRefused() throws IOException {
        Path t = dir.resolve("t.drl.xlsx");
        new DecisionTableWriter("kz.qagida.rules.typed", "java.lang.Boolean", "TT-1 Untyped")
                .column("NAME", null, null, "Rule")
                .column("CONDITION", "Boolean", "booleanValue() == $param", "Value [bool]")
                .column("ACTION", null, "drools.getRule();", "Apply")
                .column("METADATA", null, "id(\"$param\")", "Id")
                .column("METADATA", null, "citation(\"$param\")", "Citation")
                .column("METADATA", null, "source(\"$param\")", "Source")
                .column("METADATA", null, "validTo(\"$param\")", "Valid to")
                .row(null, "TT-1 row", "true", "x", "TT-1", "RULES_VISA", "002_d0b006081fdc65c8.txt", "2025-13-01")
                .write(t);
        assertThatThrownBy(() -> RuleBaseLoader.load(List.of(file(t))))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .contains("decision-tables/typed/t.drl.xlsx (label of column C): unknown type [bool]: use days, whole, number, mrp, "
                                + "date, dates, boolean, country, enum A|B, period or text",
                                "decision-tables/typed/t.drl.xlsx (cell H9 of sheet Rules): validTo '2025-13-01' is not a date (yyyy-MM-dd, or a date cell)"));
    }

    @Test
    void enumsCountriesAndMrpAreChecked() throws IOException {
        Path t = dir.resolve("t.drl.xlsx");
        new DecisionTableWriter("kz.qagida.rules.typed", "java.lang.Boolean", "TT-1 Enums")
                .column("NAME", null, null, "Rule")
                .column("CONDITION", "Boolean", "booleanValue() == $param", "Value [boolean]")
                .column("ACTION", null, "drools.getRule();", "Apply")
                .column("METADATA", null, "kind(\"$param\")", "Kind [enum FINE|WARNING]")
                .column("METADATA", null, "country(\"$param\")", "Country [country]")
                .column("METADATA", null, "mrp(\"$param\")", "MRP [mrp]")
                .column("METADATA", null, "id(\"$param\")", "Id")
                .column("METADATA", null, "citation(\"$param\")", "Citation")
                .column("METADATA", null, "source(\"$param\")", "Source")
                .row(null, "TT-1 good", "true", "x", "FINE", "KZ", "7.5", "TT-1", "RULES_VISA", "002_d0b006081fdc65c8.txt")
                .row(null, "TT-1 bad", "false", "x", "FIEN", "QQ", "-1", "TT-1", "RULES_VISA", "002_d0b006081fdc65c8.txt")
                .write(t);
        assertThatThrownBy(() -> RuleBaseLoader.load(List.of(file(t))))
                .isInstanceOfSatisfying(RuleLoadException.class, e -> assertThat(e.problems()).extracting(Problem::toString)
                        .containsExactlyInAnyOrder(
                                "decision-tables/typed/t.drl.xlsx (cell E10 of sheet Rules): kind 'FIEN' is not one of FINE, WARNING",
                                "decision-tables/typed/t.drl.xlsx (cell F10 of sheet Rules): country 'QQ' is not an ISO 3166 country code (two capital letters; XX: the UN laissez-passer)",
                                "decision-tables/typed/t.drl.xlsx (cell G10 of sheet Rules): mrp '-1' is not a number of MRP (0 or more)"));
    }

    private static DecisionTableWriter table(String validTo, String value, String days) {
        return new DecisionTableWriter("kz.qagida.rules.typed", "java.lang.Boolean", "TT-1 Typed")
                .column("NAME", null, null, "Rule")
                .column("CONDITION", "Boolean", "booleanValue() == $param", "Value [boolean]")
                .column("ACTION", null, "drools.getRule();", "Apply")
                .column("METADATA", null, "stayPerVisitDays(\"$param\")", "Days [days]")
                .column("METADATA", null, "id(\"$param\")", "Id")
                .column("METADATA", null, "citation(\"$param\")", "Citation")
                .column("METADATA", null, "source(\"$param\")", "Source")
                .column("METADATA", null, "validTo(\"$param\")", "Valid to [date]")
                .row(null, "TT-1 row", value, "x", days, "TT-1", "RULES_VISA", "002_d0b006081fdc65c8.txt", validTo);
    }

    private static RuleFile file(Path p) throws IOException {
        return new RuleFile("decision-tables/typed/" + p.getFileName(), Files.readAllBytes(p));
    }
}

package kz.qagida.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.Test;

import kz.qagida.law.Countries;
import kz.qagida.law.RuleInfo;

/** Checks the data of the project's own rules root, the way libphonenumber checks every datum. */
class RuleBaseLintTests {

    private static final DataFormatter FMT = new DataFormatter();

    /** A table's data rows, read independently of Drools: the cells under each RuleTable's label row. */
    private static List<List<String>> dataRows(byte[] xlsx) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    for (Cell cell : row) {
                        if (FMT.formatCellValue(cell).startsWith("RuleTable")) {
                            int col = cell.getColumnIndex();
                            for (int r = row.getRowNum() + 5; sheet.getRow(r) != null; r++) {
                                Row data = sheet.getRow(r);
                                String name = FMT.formatCellValue(data.getCell(col));
                                if (name.isBlank()) {
                                    break;
                                }
                                List<String> cells = new ArrayList<>();
                                for (int c = col; c < data.getLastCellNum(); c++) {
                                    cells.add(FMT.formatCellValue(data.getCell(c)).trim());
                                }
                                rows.add(cells);
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    @Test
    void everyTableYieldsOneRulePerDataRow() throws IOException {
        RuleBase base = TestRules.ruleBase();
        List<RuleFile> tables = RuleSource.fromDirectory(TestRules.ROOT).stream().filter(RuleFile::isTable).toList();
        assertThat(tables).isNotEmpty();
        for (RuleFile table : tables) {
            int rows = dataRows(table.content()).size();
            assertThat(rows).as(table.path() + " data rows").isPositive();
            assertThat(base.ruleCounts().get(table.path())).as(table.path() + " rules").isEqualTo(rows);
        }
    }

    @Test
    void everyRuleHasACitationASourceAndARulebookIdItsNameStartsWith() {
        for (RuleInfo info : TestRules.ruleBase().catalog()) {
            assertThat(info.citations()).as(info.name()).isNotEmpty();
            assertThat(info.citations()).allSatisfy(c -> assertThat(c.source()).as(info.name()).isNotBlank());
            assertThat(info.name()).startsWith(info.id() + " ");
        }
    }

    @Test
    void ruleNamesAreUniqueAcrossTheRuleset() {
        Set<String> names = new HashSet<>();
        for (RuleInfo info : TestRules.ruleBase().catalog()) {
            assertThat(names.add(info.name())).as("duplicate " + info.name()).isTrue();
        }
    }

    @Test
    void everyCountryRowIsNamedAfterAKnownIsoCode() {
        Pattern countryRow = Pattern.compile("EN-\\d+ ([A-Z]{2})( .*)?");
        int countryRows = 0;
        for (RuleInfo info : TestRules.ruleBase().catalog()) {
            Matcher m = countryRow.matcher(info.name());
            if (info.file().startsWith("decision-tables/entry/") && m.matches()) {
                countryRows++;
                assertThat(Countries.alpha2(m.group(1))).as(info.name()).contains(m.group(1));
            }
        }
        assertThat(countryRows).isGreaterThan(196);
    }

    /** Seed 000's visa table, row by row: number, country, D, S, N. */
    private static Map<Integer, List<String>> seed000() throws IOException {
        Path seed = TestRules.ROOT.resolve("../shared/seeds/000_e7ecb9b3049f1eed.txt").normalize();
        assumeTrue(Files.exists(seed), "seed 000 is beside the repository (../shared/seeds)");
        Map<Integer, List<String>> rows = new LinkedHashMap<>();
        Pattern row = Pattern.compile("(\\d+)\\.\\t([^\\t]+)\\t([^\\t]+)\\t([^\\t]+)\\t([^\\t]+?)(?=\\t\\d+\\.|\\t*$)");
        for (String line : Files.readAllLines(seed)) {
            Matcher m = row.matcher(line.trim());
            while (m.find()) {
                rows.put(Integer.parseInt(m.group(1)), List.of(m.group(2).trim(), m.group(3).trim(), m.group(4).trim(), m.group(5).trim()));
            }
        }
        return rows;
    }

    @Test
    void theEn1TableHoldsSeed000RowByRow() throws IOException {
        Map<Integer, List<String>> seed = seed000();
        assertThat(seed).hasSize(196);
        byte[] xlsx = Files.readAllBytes(TestRules.ROOT.resolve("decision-tables/entry/visa-regimes-000.drl.xlsx"));
        List<List<String>> rows = dataRows(xlsx);
        assertThat(rows).hasSize(196);
        for (List<String> r : rows) {
            // NAME | No. and country | ISO | D | S | N | …
            String[] numberAndName = r.get(1).split("\\. ", 2);
            List<String> fromSeed = seed.get(Integer.parseInt(numberAndName[0]));
            assertThat(List.of(numberAndName[1], r.get(3), r.get(4), r.get(5))).as(r.get(0)).isEqualTo(fromSeed);
            assertThat(r.get(0)).isEqualTo("EN-1 " + r.get(2));
        }
    }

    @Test
    void everyCellOfTheEn1TableReadsAsAVisaRegime() throws IOException {
        byte[] xlsx = Files.readAllBytes(TestRules.ROOT.resolve("decision-tables/entry/visa-regimes-000.drl.xlsx"));
        for (List<String> r : dataRows(xlsx)) {
            for (String cell : r.subList(3, 6)) {
                assertThat(cell).as(r.get(0)).matches("без виз до \\d+ дней|[Вв]иза|без виз");
            }
            if (r.subList(3, 6).contains("без виз")) {
                assertThat(r.get(6)).as(r.get(0) + " needs unspecifiedDays").matches("\\d+");
            }
        }
    }
}

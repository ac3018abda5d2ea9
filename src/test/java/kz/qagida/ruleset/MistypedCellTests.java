package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kz.qagida.rules.Problem;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleLoadException;
import kz.qagida.rules.RuleSource;
import kz.qagida.rules.TableCells;
import kz.qagida.rules.TestRules;

/**
 * An analyst's typo in one cell of the project's own tables: a copy of the rules root with one
 * cell broken as a spreadsheet program would save it. The loader and the activation gate refuse
 * it, naming the file, the sheet and the cell, before any rule is compiled or runs.
 */
class MistypedCellTests {

    @TempDir
    Path root;

    @Test
    void aMistypedBooleanInARealTableIsRefusedNamingItsCell() throws IOException {
        // without the tag, "ture" in capsStay read as false: the stay was not capped by its registration
        String address = breakCell("decision-tables/stay/registration.drl.xlsx", "ST-4 Online registration by day 30 from 2026-07-01", "capsStay", "ture");
        String problem = "decision-tables/stay/registration.drl.xlsx (cell " + address + " of sheet Rules): capsStay 'ture' is not true or false";
        assertRefused(problem);
    }

    @Test
    void aMistypedDateInARealTableIsRefusedNamingItsCell() throws IOException {
        // without the tag, a date in another column than validFrom/validTo failed only during a check
        String address = breakCell("decision-tables/reference/ruleset.drl.xlsx", "RF-2 Ruleset reviewed", "reviewedOn", "21.11.2026");
        String problem = "decision-tables/reference/ruleset.drl.xlsx (cell " + address + " of sheet Rules): reviewedOn '21.11.2026' "
                + "is not a date (yyyy-MM-dd, or a date cell)";
        assertRefused(problem);
    }

    private void assertRefused(String problem) {
        assertThatThrownBy(() -> RuleBaseLoader.load(RuleSource.fromDirectory(root), TestRules.compiledCache()))
                .isInstanceOfSatisfying(RuleLoadException.class,
                        e -> assertThat(e.problems()).extracting(Problem::toString).containsExactly(problem));
        Clock clock = Clock.fixed(LocalDate.of(2026, 11, 29).atStartOfDay(ZoneId.of("Asia/Almaty")).toInstant(), ZoneId.of("Asia/Almaty"));
        GateReport report = new Gate(clock, TestRules.json(), TestRules.compiledCache())
                .check(RuleSource.fromDirectory(root), ScenarioRunner.read(root)).report();
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).extracting(Finding::toString).containsExactly("ERROR " + problem);
    }

    /**
     * Copies the project's rules root and types {@code value} as text into the cell of the row named
     * {@code rowName} in the column whose metadata key is {@code key}; returns the cell's address.
     */
    private String breakCell(String table, String rowName, String key, String value) throws IOException {
        copyRulesRoot();
        Path file = root.resolve(table);
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            TableCells.Read read = TableCells.read(new RuleFile(table, Files.readAllBytes(file)), new ArrayList<>());
            TableCells.Column column = read.columns().stream().filter(c -> key.equals(c.key())).findFirst().orElseThrow();
            assertThat(column.declared()).as("%s declares its type", key).isTrue();
            Sheet sheet = book.getSheetAt(0);
            int columnIndex = CellReference.convertColStringToIndex(column.letter());
            for (int r = read.labelRow(); r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                if (row != null && rowName.equals(TableCells.valueOf(row.getCell(read.nameColumn())))) {
                    Cell cell = row.getCell(columnIndex) == null ? row.createCell(columnIndex) : row.getCell(columnIndex);
                    cell.setCellValue(value);
                    try (OutputStream out = Files.newOutputStream(file)) {
                        book.write(out);
                    }
                    return cell.getAddress().formatAsString();
                }
            }
        }
        throw new AssertionError("no row " + rowName + " in " + table);
    }

    private void copyRulesRoot() throws IOException {
        for (String folder : List.of("rules-drl", "decision-tables", "messages", "reference", "scenarios")) {
            Path from = TestRules.ROOT.resolve(folder);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path p : walk.toList()) {
                    Path to = root.resolve(TestRules.ROOT.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }
}

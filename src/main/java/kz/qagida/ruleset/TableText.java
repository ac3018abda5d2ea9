package kz.qagida.ruleset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

import kz.qagida.rules.RuleFile;
import kz.qagida.rules.TableCells;

/**
 * A decision table read as a reviewer reads it: the header rows and other sheets as lines of text,
 * and each rule row keyed by its NAME with every value named by its column (the table's key or
 * label, {@code note} for column A). The {@code dump} command prints it; the ruleset diff compares it.
 */
public final class TableText {

    /** One value of a rule row and the column it is in. */
    public record Value(String column, String value) {
    }

    /** A rule row ({@code name} and {@code values}) or, with {@code name} null, another line ({@code text}). */
    public record Line(String name, List<Value> values, String text) {
    }

    private TableText() {
    }

    public static List<Line> read(RuleFile file) {
        DataFormatter fmt = new DataFormatter();
        TableCells.Read read = TableCells.read(file, new ArrayList<>());
        List<Line> lines = new ArrayList<>();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(file.content()))) {
            for (Sheet sheet : book) {
                boolean rules = read != null && read.headerRow() > 0 && sheet == book.getSheetAt(0);
                Map<String, String> names = rules ? columnNames(fmt, sheet, read) : Map.of();
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(text(fmt, row.getCell(c)));
                    }
                    while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                        cells.remove(cells.size() - 1);
                    }
                    if (cells.isEmpty()) {
                        continue;
                    }
                    int r = row.getRowNum() + 1;
                    if (rules && r > read.labelRow() && read.nameColumn() < cells.size() && !cells.get(read.nameColumn()).isEmpty()) {
                        List<Value> values = new ArrayList<>();
                        for (int c = 0; c < cells.size(); c++) {
                            if (c != read.nameColumn() && !cells.get(c).isEmpty()) {
                                String letter = CellReference.convertNumToColString(c);
                                String label = c == 0 ? "note" : names.getOrDefault(letter, "");
                                values.add(new Value(label.isBlank() ? letter : label, cells.get(c)));
                            }
                        }
                        lines.add(new Line(cells.get(read.nameColumn()), List.copyOf(values), null));
                    } else {
                        lines.add(new Line(null, List.of(), sheet.getSheetName() + "!" + r + ": " + String.join(" | ", cells)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    /** Column letter to name: the label row's text after its last " / ", or the column's key. */
    private static Map<String, String> columnNames(DataFormatter fmt, Sheet sheet, TableCells.Read read) {
        Map<String, String> names = new HashMap<>();
        if (sheet.getRow(read.labelRow() - 1) != null) {
            for (Cell c : sheet.getRow(read.labelRow() - 1)) {
                names.put(c.getAddress().formatAsString().replaceAll("\\d", ""), lastPart(text(fmt, c)));
            }
        }
        read.columns().forEach(c -> names.put(c.letter(), c.key() != null ? c.key() : lastPart(c.label())));
        return names;
    }

    private static String lastPart(String label) {
        int at = label.lastIndexOf(" / ");
        return at < 0 ? label : label.substring(at + 3);
    }

    private static String text(DataFormatter fmt, Cell cell) {
        if (cell == null) {
            return "";
        }
        String v = cell.getCellType() == CellType.NUMERIC || cell.getCellType() == CellType.BOOLEAN
                || TableCells.isBooleanFormula(cell) ? TableCells.valueOf(cell) : fmt.formatCellValue(cell);
        return v.replace('\n', ' ').trim();
    }
}

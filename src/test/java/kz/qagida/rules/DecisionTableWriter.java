package kz.qagida.rules;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes a decision table in the project's layout (column A notes, RuleSet, Import, RuleTable,
 * NAME | CONDITION… | ACTION… | METADATA…, labels in Russian and English, a Sources sheet). Tests
 * use it to make good and broken tables; it is also how the first tables were typed in.
 */
public final class DecisionTableWriter {

    public record Column(String type, String objectType, String snippet, String label) {
    }

    private final String ruleSet;
    private final String imports;
    private final String title;
    private final List<Column> columns = new ArrayList<>();
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String[]> sources = new ArrayList<>();

    public DecisionTableWriter(String ruleSet, String imports, String title) {
        this.ruleSet = ruleSet;
        this.imports = imports;
        this.title = title;
    }

    public DecisionTableWriter column(String type, String objectType, String snippet, String label) {
        columns.add(new Column(type, objectType, snippet, label));
        return this;
    }

    public DecisionTableWriter row(String note, String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells for " + columns.size() + " columns: " + String.join("|", cells));
        }
        notes.add(note);
        rows.add(cells);
        return this;
    }

    public DecisionTableWriter source(String act, String title, String where) {
        sources.add(new String[] {act, title, where});
        return this;
    }

    public void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("Rules");
            
            set(sheet, 0, 1, "RuleSet");
            set(sheet, 0, 2, ruleSet);
            set(sheet, 1, 1, "Import");
            set(sheet, 1, 2, imports);
            set(sheet, 3, 1, "RuleTable " + title);
            int firstCondition = -1, lastCondition = -1;
            for (int c = 0; c < columns.size(); c++) {
                Column col = columns.get(c);
                set(sheet, 4, c + 1, col.type());
                if (col.objectType() != null) {
                    set(sheet, 5, c + 1, col.objectType());
                }
                if (col.type().equals("CONDITION")) {
                    if (firstCondition < 0 || col.objectType() != null) {
                        if (firstCondition >= 0 && lastCondition > firstCondition) {
                            merge(sheet, firstCondition + 1, lastCondition + 1);
                        }
                        firstCondition = c;
                    }
                    lastCondition = c;
                }
                if (col.snippet() != null) {
                    set(sheet, 6, c + 1, col.snippet());
                }
                set(sheet, 7, c + 1, col.label());
            }
            if (firstCondition >= 0 && lastCondition > firstCondition) {
                merge(sheet, firstCondition + 1, lastCondition + 1);
            }
            for (int r = 0; r < rows.size(); r++) {
                if (notes.get(r) != null && !notes.get(r).isBlank()) {
                    set(sheet, 8 + r, 0, notes.get(r));
                }
                String[] cells = rows.get(r);
                for (int c = 0; c < cells.length; c++) {
                    if (cells[c] != null && !cells[c].isEmpty()) {
                        set(sheet, 8 + r, c + 1, cells[c]);
                    }
                }
            }
            Sheet src = book.createSheet("Sources");
            set(src, 0, 0, "Act / Акт");
            set(src, 0, 1, "Title / Название");
            set(src, 0, 2, "Where / Где");
            for (int r = 0; r < sources.size(); r++) {
                for (int c = 0; c < 3; c++) {
                    set(src, r + 1, c, sources.get(r)[c]);
                }
            }
            sheet.setColumnWidth(0, 40 * 256);
            book.write(out);
        }
    }

    /**
     * Merges the object-type cells of one pattern. Drools reads a merged cell only over cells that
     * exist, so the blank ones are created too; otherwise each condition becomes its own pattern.
     */
    private static void merge(Sheet sheet, int firstColumn, int lastColumn) {
        for (int c = firstColumn; c <= lastColumn; c++) {
            if (sheet.getRow(5).getCell(c) == null) {
                sheet.getRow(5).createCell(c);
            }
        }
        sheet.addMergedRegion(new CellRangeAddress(5, 5, firstColumn, lastColumn));
    }

    private static void set(Sheet sheet, int r, int c, String value) {
        Row row = sheet.getRow(r) == null ? sheet.createRow(r) : sheet.getRow(r);
        row.createCell(c).setCellValue(value);
    }
}

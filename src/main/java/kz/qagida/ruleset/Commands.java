package kz.qagida.ruleset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleSource;
import kz.qagida.rules.TableCells;

/**
 * The analysts' command line, without a server:
 * {@code lint <rules root>} runs the activation gate (compile, lint, scenarios) and exits 1 when it
 * refuses; {@code dump <table.drl.xlsx>} prints a table as text, for reviews and {@code git diff}.
 */
public final class Commands {

    private Commands() {
    }

    public static boolean handles(String[] args) {
        return args.length > 0 && (args[0].equals("lint") || args[0].equals("dump") || args[0].equals(GateMain.COMMAND));
    }

    public static int run(String[] args, PrintStream out) {
        List<String> words = new ArrayList<>(List.of(args));
        boolean verbose = words.remove("--verbose");
        quiet(!verbose);
        args = words.toArray(String[]::new);
        try {
            if (args[0].equals(GateMain.COMMAND)) {
                return GateMain.run(args);
            }
            if (args[0].equals("lint") && args.length <= 2) {
                return lint(Path.of(args.length == 2 ? args[1] : "."), out);
            }
            if (args[0].equals("dump") && args.length == 2) {
                dump(Path.of(args[1]), out);
                return 0;
            }
        } catch (IOException | RuntimeException e) {
            out.println("error: " + e.getMessage());
            return 2;
        }
        out.println("usage: qagida lint [--verbose] [rules root]   |   qagida dump <table.drl.xlsx>");
        return 2;
    }

    /**
     * Without a server there is no logging configuration: the commands print Qagida's findings only
     * and leave Drools' build warnings (such as "eval is not performance-efficient") and the
     * loader's progress to {@code --verbose}.
     */
    private static void quiet(boolean quiet) {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(quiet ? ch.qos.logback.classic.Level.ERROR : ch.qos.logback.classic.Level.INFO);
        }
    }

    static int lint(Path root, PrintStream out) {
        if (!RuleSource.isRulesRoot(root)) {
            out.println("error: " + root.toAbsolutePath() + " has no rules-drl/ or decision-tables/ folder");
            return 2;
        }
        Gate gate = new Gate(Clock.system(ZoneId.of("Asia/Almaty")), JsonMapper.builder().build());
        GateReport report = gate.check(RuleSource.fromDirectory(root), ScenarioRunner.read(root)).report();
        out.print(report);
        return report.passed() ? 0 : 1;
    }

    /**
     * A table as text for reviews and {@code git diff}: the header rows as they are, then one line per
     * rule row keyed by its NAME, each value with its column's label ({@code validTo=2025-12-31}), so
     * that inserting a row shows one added line and a changed cell names its column. Other sheets
     * follow row by row.
     */
    static void dump(Path table, PrintStream out) throws IOException {
        DataFormatter fmt = new DataFormatter();
        RuleFile file = new RuleFile(table.getFileName().toString(), Files.readAllBytes(table));
        TableCells.Read read = TableCells.read(file, new ArrayList<>());
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(file.content()))) {
            for (Sheet sheet : book) {
                boolean rules = read != null && read.headerRow() > 0 && sheet == book.getSheetAt(0);
                java.util.Map<String, String> names = new java.util.HashMap<>();
                if (rules && sheet.getRow(read.labelRow() - 1) != null) {
                    for (Cell c : sheet.getRow(read.labelRow() - 1)) {
                        String l = text(fmt, c);
                        names.put(c.getAddress().formatAsString().replaceAll("\\d", ""), l.substring(l.lastIndexOf(" / ") < 0 ? 0 : l.lastIndexOf(" / ") + 3));
                    }
                }
                if (rules) {
                    read.columns().forEach(c -> names.put(c.letter(), c.key() != null ? c.key()
                            : c.label().substring(c.label().lastIndexOf(" / ") < 0 ? 0 : c.label().lastIndexOf(" / ") + 3)));
                }
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
                        out.println("[" + cells.get(read.nameColumn()) + "]");
                        for (int c = 0; c < cells.size(); c++) {
                            if (c != read.nameColumn() && !cells.get(c).isEmpty()) {
                                String letter = CellReference.convertNumToColString(c);
                                String label = c == 0 ? "note" : names.getOrDefault(letter, "");
                                out.println("  " + (label.isBlank() ? letter : label) + " = " + cells.get(c));
                            }
                        }
                    } else {
                        out.println(sheet.getSheetName() + "!" + r + ": " + String.join(" | ", cells));
                    }
                }
            }
        }
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

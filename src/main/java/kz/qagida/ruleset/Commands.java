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

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.RuleSource;

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
        out.println("usage: qagida lint [rules root]   |   qagida dump <table.drl.xlsx>");
        return 2;
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

    /** One line per non-empty row: {@code Sheet!row: cell | cell | …}, notes included. */
    static void dump(Path table, PrintStream out) throws IOException {
        DataFormatter fmt = new DataFormatter();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(Files.readAllBytes(table)))) {
            for (Sheet sheet : book) {
                for (Row row : sheet) {
                    List<String> cells = new ArrayList<>();
                    for (int c = 0; c < row.getLastCellNum(); c++) {
                        cells.add(row.getCell(c) == null ? "" : fmt.formatCellValue(row.getCell(c)).replace('\n', ' ').trim());
                    }
                    while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
                        cells.remove(cells.size() - 1);
                    }
                    if (!cells.isEmpty()) {
                        out.println(sheet.getSheetName() + "!" + (row.getRowNum() + 1) + ": " + String.join(" | ", cells));
                    }
                }
            }
        }
    }
}

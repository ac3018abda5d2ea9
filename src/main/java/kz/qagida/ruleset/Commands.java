package kz.qagida.ruleset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.RuleFile;
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
     * follow row by row. See {@link TableText}.
     */
    static void dump(Path table, PrintStream out) throws IOException {
        for (TableText.Line line : TableText.read(new RuleFile(table.getFileName().toString(), Files.readAllBytes(table)))) {
            if (line.name() == null) {
                out.println(line.text());
                continue;
            }
            out.println("[" + line.name() + "]");
            line.values().forEach(v -> out.println("  " + v.column() + " = " + v.value()));
        }
    }
}

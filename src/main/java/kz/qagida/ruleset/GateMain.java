package kz.qagida.ruleset;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckLimits;
import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.RuleSource;

/**
 * The child process of {@link GateProcess}: {@code confined-gate <rules root> <report file> <step file>}
 * runs the gate over the folder, writes what it is doing to the step file as it goes and the report as
 * JSON at the end. Started with an empty environment and its own heap; it reads no configuration.
 */
public final class GateMain {

    static final String COMMAND = "confined-gate";
    /** The evaluation ceiling of the serving process, passed down as a system property. */
    static final String MAX_FIRINGS = "qagida.checks.max-firings";

    private GateMain() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args));
    }

    static int run(String[] args) throws IOException {
        if (args.length != 4 || !args[0].equals(COMMAND)) {
            System.err.println("usage: " + COMMAND + " <rules root> <report file> <step file>");
            return 2;
        }
        quietLogging();
        Path root = Path.of(args[1]);
        Path report = Path.of(args[2]);
        Path step = Path.of(args[3]);
        JsonMapper json = JsonMapper.builder().build();
        GateReport result;
        List<Scenario> scenarios = null;
        try {
            step(step, "reading the scenarios");
            scenarios = ScenarioRunner.read(root);
        } catch (RuntimeException e) {
            result = new GateReport(null, false, List.of(Finding.error("scenarios/", null, "cannot read: " + e.getMessage())),
                    List.of(), 0, List.of());
            Files.write(report, json.writeValueAsBytes(result));
            return 0;
        }
        Integer maxFirings = Integer.getInteger(MAX_FIRINGS);
        Gate gate = new Gate(Clock.system(ZoneId.of("Asia/Almaty")), json, CompiledCache.NONE,
                new CheckLimits(maxFirings, null));
        result = gate.check(RuleSource.fromDirectory(root), scenarios, s -> step(step, s)).report();
        Files.write(report, json.writeValueAsBytes(result));
        return 0;
    }

    private static void step(Path file, String step) {
        try {
            Files.writeString(file, step, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Without Spring the logging framework's defaults print every debug line of the rule engine. */
    private static void quietLogging() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }
}

package kz.qagida.ruleset;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleLoadException;

/**
 * Runs the {@link Gate} over a candidate in a child JVM ({@link GateMain}, same classpath), so that
 * analysts' code never runs in the serving process: the child has its own heap ({@code -Xmx}), exits on
 * out-of-memory, is killed with its descendants when over its wall-clock or CPU time, starts with an
 * empty environment (no API keys, no datasource password, none of the parent's system properties) in a
 * temporary folder that is removed whatever happens. Only after the child passes a candidate does the
 * serving process compile it, and only the very files the child passed (the versions must agree).
 * One candidate is gated at a time.
 */
public class GateProcess {

    private static final Logger log = LoggerFactory.getLogger(GateProcess.class);
    /** The JVM's exit code after {@code -XX:+ExitOnOutOfMemoryError}. */
    private static final int OUT_OF_MEMORY = 3;
    private static final String BOOT_LAUNCHER = "org.springframework.boot.loader.launch.JarLauncher";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final YAMLMapper YAML = new YAMLMapper();

    private final GateLimits limits;
    private final int maxFirings;
    private final CompiledCache compiled;
    private final Semaphore turn = new Semaphore(1, true);

    public GateProcess(GateLimits limits, int maxFirings) {
        this(limits, maxFirings, CompiledCache.NONE);
    }

    /** Compiles what passed taking unchanged files from {@code compiled} (the child compiles everything afresh). */
    public GateProcess(GateLimits limits, int maxFirings, CompiledCache compiled) {
        this.limits = limits;
        this.maxFirings = maxFirings;
        this.compiled = compiled;
    }

    public GateLimits limits() {
        return limits;
    }

    /**
     * Gates the files and scenarios in a child process; when it passes, compiles the same files here
     * and returns the rule base to activate (null when refused).
     */
    public Gate.Outcome check(List<RuleFile> files, List<Scenario> scenarios) {
        GateReport report = run(root -> write(root, files, scenarios));
        if (!report.passed()) {
            return new Gate.Outcome(report, null);
        }
        String version = RuleBaseLoader.version(files);
        if (!version.equals(report.version())) {
            return new Gate.Outcome(refused("(rules root)", "the gate passed " + report.version() + " but the files are "
                    + version + "; nothing activated"), null);
        }
        try {
            RuleBase base = RuleBaseLoader.load(files, compiled);
            return new Gate.Outcome(report, base);
        } catch (RuleLoadException e) {
            return new Gate.Outcome(refused("(rules root)", "passed the gate but did not compile here: " + e.getMessage()), null);
        }
    }

    /** Gates the rules root in {@code candidate} (rules-drl/, decision-tables/, messages/, reference/, scenarios/). */
    public GateReport check(Path candidate) {
        return run(root -> copy(candidate, root));
    }

    private interface Preparation {
        void into(Path root) throws IOException;
    }

    private GateReport run(Preparation preparation) {
        long waitMillis = limits.wallClock().toMillis();
        try {
            if (!turn.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                return refused("(gate)", "another candidate has been in the gate for longer than " + human(limits.wallClock())
                        + "; try again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return refused("(gate)", "interrupted while waiting for the gate");
        }
        Path work = null;
        try {
            work = Files.createTempDirectory("qagida-gate");
            Path root = Files.createDirectories(work.resolve("root"));
            Files.createDirectories(work.resolve("tmp"));
            preparation.into(root);
            return runChild(work);
        } catch (IOException | RuntimeException e) {
            log.error("The gate could not run", e);
            return refused("(gate)", "the gate could not run: " + e.getMessage());
        } finally {
            delete(work);
            turn.release();
        }
    }

    private GateReport runChild(Path work) throws IOException {
        Path report = work.resolve("report.json");
        Path step = work.resolve("step");
        Path output = work.resolve("output.log");
        long started = System.nanoTime();
        Process child = builder(work, report, step).start();
        String killed = null;
        try {
            while (!child.waitFor(100, TimeUnit.MILLISECONDS)) {
                Duration wall = Duration.ofNanos(System.nanoTime() - started);
                Duration cpu = child.info().totalCpuDuration().orElse(Duration.ZERO);
                if (wall.compareTo(limits.wallClock()) > 0) {
                    killed = "ran for longer than the gate's wall-clock limit of " + human(limits.wallClock());
                } else if (cpu.compareTo(limits.cpuTime()) > 0) {
                    killed = "used more than the gate's CPU time limit of " + human(limits.cpuTime());
                }
                if (killed != null) {
                    kill(child);
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            killed = "was interrupted";
        } finally {
            kill(child);
        }
        String during = Files.exists(step) ? Files.readString(step, StandardCharsets.UTF_8).strip() : "starting";
        if (killed != null) {
            return refused(where(during), "the candidate " + killed + " (while " + during + "): a rule that loops or "
                    + "fires without end? Refused; nothing activated");
        }
        int exit = child.exitValue();
        if (exit == OUT_OF_MEMORY) {
            return refused(where(during), "the candidate filled the gate's memory of " + limits.maxHeap().toMegabytes()
                    + " MB (while " + during + "): a rule that inserts or builds without end? Refused; nothing activated");
        }
        if (exit != 0 || !Files.exists(report)) {
            return refused(where(during), "the gate process failed (exit code " + exit + ", while " + during + "): "
                    + lastLine(output));
        }
        return JSON.readValue(Files.readAllBytes(report), GateReport.class);
    }

    /**
     * The child: same classpath, our main class, its own heap, an empty environment and none of our
     * system properties; output to a file in its folder, no input.
     */
    ProcessBuilder builder(Path work, Path report, Path step) {
        ProcessBuilder builder = new ProcessBuilder(command(work, report, step)).directory(work.toFile())
                .redirectErrorStream(true).redirectOutput(work.resolve("output.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(nullFile()));
        builder.environment().clear();
        return builder;
    }

    private List<String> command(Path work, Path report, Path step) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + limits.maxHeap().toMegabytes() + "m",
                "-XX:+ExitOnOutOfMemoryError", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m",
                "-Djava.io.tmpdir=" + work.resolve("tmp"), "-Dfile.encoding=UTF-8", "-Dsun.jnu.encoding=UTF-8",
                "-D" + GateMain.MAX_FIRINGS + "=" + maxFirings, "-cp", System.getProperty("java.class.path")));
        // in the packaged application our classes sit inside the jar: its launcher calls our main
        command.add(launchedFromBootJar() ? BOOT_LAUNCHER : GateMain.class.getName());
        command.addAll(List.of(GateMain.COMMAND, work.resolve("root").toString(), report.toString(), step.toString()));
        return command;
    }

    private static boolean launchedFromBootJar() {
        if (GateProcess.class.getClassLoader() == ClassLoader.getSystemClassLoader()) {
            return false;
        }
        try {
            Class.forName(BOOT_LAUNCHER, false, ClassLoader.getSystemClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static void kill(Process child) {
        child.descendants().forEach(ProcessHandle::destroyForcibly);
        child.destroyForcibly();
        try {
            child.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The file named in the step ("scenario scenarios/x.yaml: name"), or the gate itself. */
    private static String where(String step) {
        int at = step.indexOf("scenarios/");
        if (at >= 0) {
            int colon = step.indexOf(':', at);
            return colon > 0 ? step.substring(at, colon) : step.substring(at);
        }
        return "(gate)";
    }

    private static String lastLine(Path output) throws IOException {
        if (!Files.exists(output)) {
            return "no output";
        }
        List<String> lines = new ArrayList<>();
        try (Stream<String> all = Files.lines(output, StandardCharsets.UTF_8)) {
            all.filter(l -> !l.isBlank() && !l.startsWith("\tat ")).forEach(l -> {
                lines.add(l);
                if (lines.size() > 3) {
                    lines.remove(0);
                }
            });
        } catch (UncheckedIOException e) {
            return "unreadable output";
        }
        String text = String.join(" / ", lines);
        return text.length() > 500 ? text.substring(0, 500) + "…" : text;
    }

    private static GateReport refused(String file, String message) {
        return new GateReport(null, false, List.of(Finding.error(file, null, message)), List.of(), 0, List.of());
    }

    private static void write(Path root, List<RuleFile> files, List<Scenario> scenarios) throws IOException {
        for (RuleFile f : files) {
            Path target = inside(root, f.path());
            Files.createDirectories(target.getParent());
            Files.write(target, f.content());
        }
        Map<String, ArrayNode> byFile = new LinkedHashMap<>();
        for (Scenario s : scenarios) {
            ObjectNode node = YAML.createObjectNode();
            node.put("name", s.name());
            node.set("request", s.request());
            node.set("expect", s.expect());
            byFile.computeIfAbsent(s.file(), k -> YAML.createArrayNode()).add(node);
        }
        for (var e : byFile.entrySet()) {
            Path target = inside(root, e.getKey());
            Files.createDirectories(target.getParent());
            ObjectNode doc = YAML.createObjectNode();
            doc.set("scenarios", e.getValue());
            Files.write(target, YAML.writeValueAsBytes(doc));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = inside(to, from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Path inside(Path root, String relative) throws IOException {
        Path target = root.resolve(relative).normalize();
        if (!target.startsWith(root)) {
            throw new IOException(relative + " points outside the rules root");
        }
        return target;
    }

    private static File nullFile() {
        return new File(File.separatorChar == '\\' ? "NUL" : "/dev/null");
    }

    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not remove the gate's folder {}: {}", dir, e.getMessage());
        }
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}

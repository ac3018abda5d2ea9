package kz.qagida.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleSource;

/**
 * Changes the serving ruleset safely: a candidate goes live only through the {@link Gate}, off the
 * request path, and is swapped in atomically; a refused candidate leaves the old one serving.
 * Keeps the history of attempts and the recently active rule bases for rollback.
 */
public class RulesetService {

    private static final Logger log = LoggerFactory.getLogger(RulesetService.class);
    private static final int KEPT_VERSIONS = 20;
    private static final int KEPT_HISTORY = 200;
    private static final long MAX_UNZIPPED_BYTES = 50L * 1024 * 1024;
    private static final int MAX_ZIP_ENTRIES = 5_000;

    private final ActiveRuleBase active;
    private final RulesRoot root;
    /** The confined gate; null in tests of the gate's logic, which run it in-process. */
    private final GateProcess confined;
    private final Gate inProcess;
    private final Deque<HistoryEntry> history = new ArrayDeque<>();
    private final Map<String, RuleBase> kept = new LinkedHashMap<>(16, 0.75f, false);
    /** Told of every history entry as it is recorded (metrics). */
    private final List<java.util.function.Consumer<HistoryEntry>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** The scenarios the serving ruleset last passed; null until a reload has run them. */
    private List<Scenario> lastScenarios;

    /** Gates candidates in-process: for tests of the gate's logic only; the service confines it. */
    public RulesetService(ActiveRuleBase active, RulesRoot root, Clock clock, JsonMapper json) {
        this(active, root, clock, json, CompiledCache.NONE);
    }

    /** In-process, taking unchanged rule files compiled from {@code compiled}: for tests only. */
    public RulesetService(ActiveRuleBase active, RulesRoot root, Clock clock, JsonMapper json, CompiledCache compiled) {
        this(active, root, null, new Gate(clock, json, compiled));
    }

    /** Gates every candidate in a child process (see {@link GateProcess}). */
    public RulesetService(ActiveRuleBase active, RulesRoot root, GateProcess gate) {
        this(active, root, gate, null);
    }

    private RulesetService(ActiveRuleBase active, RulesRoot root, GateProcess confined, Gate inProcess) {
        this.active = active;
        this.root = root;
        this.confined = confined;
        this.inProcess = inProcess;
        // the first rule base may still be loading beside the rest of the application
        active.whenLoaded(first -> {
            synchronized (this) {
                keep(first);
                record(new HistoryEntry(first.version(), first.loadedAt(), "start-up", HistoryEntry.Outcome.STARTED, List.of(), List.of()));
            }
        });
    }

    /** Reads the rules root again and activates it if the gate passes. */
    public synchronized GateReport reload(String by) {
        List<RuleFile> files;
        List<Scenario> scenarios;
        try {
            files = root.files();
            scenarios = root.scenarios();
        } catch (RuntimeException e) {
            GateReport report = new GateReport(null, false,
                    List.of(Finding.error("scenarios/", null, "cannot read: " + e.getMessage())), List.of(), 0, List.of());
            refused(report, by);
            return report;
        }
        String version = RuleBaseLoader.version(files);
        if (version.equals(active.get().version()) && scenarios.equals(lastScenarios)) {
            record(new HistoryEntry(version, Instant.now(), by, HistoryEntry.Outcome.UNCHANGED, List.of(), List.of()));
            return new GateReport(version, true, List.of(), List.of(), 0, List.of());
        }
        Gate.Outcome outcome = confined != null ? confined.check(files, scenarios) : inProcess.check(files, scenarios);
        GateReport report = outcome.report();
        if (!report.passed()) {
            refused(report, by);
            return report;
        }
        lastScenarios = scenarios;
        if (report.version().equals(active.get().version())) {
            record(new HistoryEntry(report.version(), Instant.now(), by, HistoryEntry.Outcome.UNCHANGED, List.of(), List.of()));
            return report;
        }
        active.activate(outcome.ruleBase());
        keep(outcome.ruleBase());
        record(new HistoryEntry(report.version(), Instant.now(), by, HistoryEntry.Outcome.ACTIVATED, List.of(), List.of()));
        log.info("Ruleset {} activated by {} ({} warnings)", report.version(), by, report.warnings().size());
        return report;
    }

    private void refused(GateReport report, String by) {
        record(new HistoryEntry(report.version(), Instant.now(), by, HistoryEntry.Outcome.REFUSED, report.errors(),
                report.scenarioFailures()));
        log.warn("Ruleset refused (requested by {}); {} keeps serving.\n{}", by, active.get().version(), report);
    }

    /** Runs the gate over a zipped rules root (rules-drl/, decision-tables/, messages/, scenarios/) without activating it. */
    public GateReport validate(InputStream zip) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qagida-candidate");
            unzip(zip, dir);
            if (confined != null) {
                return confined.check(dir);
            }
            List<Scenario> scenarios;
            try {
                scenarios = ScenarioRunner.read(dir);
            } catch (RuntimeException e) {
                return new GateReport(null, false, List.of(Finding.error("scenarios/", null, e.getMessage())), List.of(), 0, List.of());
            }
            return inProcess.check(RuleSource.fromDirectory(dir), scenarios).report();
        } catch (IOException e) {
            return new GateReport(null, false, List.of(Finding.error("(zip)", null, "cannot read the zip: " + e.getMessage())),
                    List.of(), 0, List.of());
        } finally {
            delete(dir);
        }
    }

    private static void unzip(InputStream in, Path dir) throws IOException {
        long total = 0;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (++entries > MAX_ZIP_ENTRIES) {
                    throw new IOException("more than " + MAX_ZIP_ENTRIES + " entries");
                }
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry " + e.getName() + " points outside the rules root");
                }
                if (e.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                byte[] bytes = zip.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_UNZIPPED_BYTES - total + 1));
                total += bytes.length;
                if (total > MAX_UNZIPPED_BYTES) {
                    throw new IOException("unzips to more than " + MAX_UNZIPPED_BYTES + " bytes");
                }
                Files.write(target, bytes);
            }
        }
        if (entries == 0) {
            throw new IOException("not a zip, or an empty one");
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves an earlier version again; it passed the gate when it was first activated. */
    public synchronized Optional<HistoryEntry> rollback(String version, String by) {
        RuleBase base = kept.get(version);
        if (base == null) {
            return Optional.empty();
        }
        active.activate(base);
        HistoryEntry entry = new HistoryEntry(version, Instant.now(), by, HistoryEntry.Outcome.ROLLED_BACK, List.of(), List.of());
        record(entry);
        log.info("Rolled back to ruleset {} by {}", version, by);
        return Optional.of(entry);
    }

    /** Newest first. */
    public synchronized List<HistoryEntry> history() {
        return new ArrayList<>(history);
    }

    private void keep(RuleBase base) {
        kept.remove(base.version());
        kept.put(base.version(), base);
        while (kept.size() > KEPT_VERSIONS) {
            kept.remove(kept.keySet().iterator().next());
        }
    }

    /** Calls {@code listener} with each later history entry (reload, refusal, rollback). */
    public void onRecord(java.util.function.Consumer<HistoryEntry> listener) {
        listeners.add(listener);
    }

    private void record(HistoryEntry entry) {
        for (var listener : listeners) {
            listener.accept(entry);
        }
        history.addFirst(entry);
        while (history.size() > KEPT_HISTORY) {
            history.removeLast();
        }
    }
}

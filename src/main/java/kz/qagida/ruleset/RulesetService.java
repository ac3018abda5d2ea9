package kz.qagida.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.qagida.audit.Hashes;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleSource;

/**
 * Publishing: changes the ruleset every instance serves, through the store. A candidate (a zipped
 * rules root, one file added, replaced or deleted, or the rules folder again) goes through the
 * {@link Gate}; refused, nothing changes anywhere; passed, it is stored with its report and, unless
 * kept as a candidate, made active in the store and swapped in here (the other instances follow,
 * see {@link RulesetFollower}). Every attempt is recorded in the store's history.
 */
public class RulesetService {

    private static final Logger log = LoggerFactory.getLogger(RulesetService.class);

    /** What a publish did: the version, whether it is now active, the files that changed and the gate's report. */
    public record Published(String version, boolean activated, List<String> changedFiles, GateReport report) {
    }

    /** A candidate's files, read as the gate and the store see them: rule files, scenarios, all of them. */
    record Candidate(List<RuleFile> ruleFiles, List<Scenario> scenarios, List<RuleFile> all) {
    }

    private final ActiveRuleBase active;
    private final RulesRoot root;
    private final RulesetStore store;
    private final StoredRuleBases bases;
    private final Gating gate;

    public RulesetService(ActiveRuleBase active, RulesRoot root, RulesetStore store, StoredRuleBases bases, Gating gate) {
        this.active = active;
        this.root = root;
        this.store = store;
        this.bases = bases;
        this.gate = gate;
    }

    /** Publishes a whole rules root (rule files and scenarios), by relative path. */
    public synchronized Published publish(Map<String, byte[]> files, boolean activate, String by) {
        List<RuleFile> all = files.entrySet().stream().map(e -> new RuleFile(e.getKey(), e.getValue())).toList();
        return publish(all, activate, by);
    }

    /**
     * Publishes the active ruleset with one file added or replaced ({@code content}) or removed
     * ({@code content == null}); {@code path} is relative to the rules root.
     */
    public synchronized Published publishFile(String path, byte[] content, boolean activate, String by) {
        return publish(activeWith(path, content), activate, by);
    }

    /** The active ruleset's files (rules and scenarios) with one file added, replaced or (content null) removed. */
    public Map<String, byte[]> activeWith(String path, byte[] content) {
        String clean = Uploads.checkPath(path);
        if (!Uploads.recognized(clean)) {
            throw new Uploads.Refused(path, 400, "path " + path + " is not a rules file: rules-drl/**.drl, "
                    + "decision-tables/**.drl.xlsx, or messages/, reference/ or scenarios/**.yaml");
        }
        Map<String, byte[]> files = new TreeMap<>();
        activeFiles().forEach(f -> files.put(f.path(), f.content()));
        if (content == null) {
            if (files.remove(clean) == null) {
                throw new Uploads.Refused(path, 404, "path " + path + " is not in the active ruleset");
            }
        } else {
            files.put(clean, content);
        }
        return files;
    }

    /**
     * Gates a candidate without its scenarios, for impact analysis (a candidate need not pass them
     * to be analysed, but it must compile and keep to the rules' vocabulary before it runs here).
     */
    public Gate.Outcome compile(Map<String, byte[]> files) {
        Candidate candidate = read(files.entrySet().stream().filter(e -> !e.getKey().startsWith(RulesetStore.SCENARIOS))
                .map(e -> new RuleFile(e.getKey(), e.getValue())).toList());
        return gate.check(candidate.ruleFiles(), List.of());
    }

    /** The rule base of a stored version (kept or compiled from the store). */
    public Optional<RuleBase> stored(String version) {
        return bases.find(version);
    }

    /** Publishes the rules folder (or the jar's copy) as it is now: the reload endpoint and the folder watcher. */
    public synchronized Published reload(String by) {
        List<RuleFile> files;
        try {
            files = root.candidateFiles();
        } catch (RuntimeException e) {
            GateReport report = refusedBeforeGate("(rules root)", "cannot read: " + e.getMessage());
            record(new HistoryEntry(null, Instant.now(), by, HistoryEntry.Outcome.REFUSED, report.errors(), List.of()));
            return new Published(null, false, List.of(), report);
        }
        return publish(files, true, by);
    }

    private Published publish(List<RuleFile> all, boolean activate, String by) {
        List<RuleFile> current = activeFiles();
        List<String> changed = changedFiles(current, all);
        String serving = active.get().version();
        if (changed.isEmpty() && serving.equals(RuleBaseLoader.version(ruleFilesOf(all)))) {
            record(new HistoryEntry(serving, Instant.now(), by, HistoryEntry.Outcome.UNCHANGED, List.of(), List.of()));
            return new Published(serving, true, changed, new GateReport(serving, true, List.of(), List.of(), 0, List.of()));
        }
        Candidate candidate;
        try {
            candidate = read(all);
        } catch (Uploads.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            // a scenario file that cannot be read
            GateReport report = refusedBeforeGate("scenarios/", e.getMessage());
            record(new HistoryEntry(null, Instant.now(), by, HistoryEntry.Outcome.REFUSED, report.errors(), List.of(), changed));
            return new Published(null, false, changed, report);
        }
        Gate.Outcome outcome = gate.check(candidate.ruleFiles(), candidate.scenarios());
        GateReport report = outcome.report();
        if (!report.passed()) {
            record(new HistoryEntry(report.version(), Instant.now(), by, HistoryEntry.Outcome.REFUSED, report.errors(),
                    report.scenarioFailures(), changed));
            log.warn("Ruleset refused (requested by {}); {} keeps serving.\n{}", by, serving, report);
            return new Published(report.version(), false, changed, report);
        }
        String version = report.version();
        store.store(version, candidate.all(), report, by);
        if (outcome.ruleBase() != null) {
            bases.keep(outcome.ruleBase());
        }
        if (!activate) {
            record(new HistoryEntry(version, Instant.now(), by, HistoryEntry.Outcome.STORED, List.of(), List.of(), changed));
            return new Published(version, false, changed, report);
        }
        RuleBase base = outcome.ruleBase() != null ? outcome.ruleBase() : bases.find(version).orElseThrow();
        boolean same = version.equals(serving);
        swap(version, base, by);
        record(new HistoryEntry(version, Instant.now(), by, same ? HistoryEntry.Outcome.UNCHANGED : HistoryEntry.Outcome.ACTIVATED,
                List.of(), List.of(), changed));
        log.info("Ruleset {} published and activated by {} ({} warnings)", version, by, report.warnings().size());
        return new Published(version, true, changed, report);
    }

    /** Runs the gate over a zipped candidate without storing or activating anything. */
    public GateReport validate(Map<String, byte[]> files) {
        try {
            Candidate candidate = read(files.entrySet().stream().map(e -> new RuleFile(e.getKey(), e.getValue())).toList());
            return gate.check(candidate.ruleFiles(), candidate.scenarios()).report();
        } catch (Uploads.Refused e) {
            throw e;
        } catch (RuntimeException e) {
            return refusedBeforeGate("scenarios/", e.getMessage());
        }
    }

    /**
     * Makes a stored version active again (a candidate kept with {@code activate=false}, or any
     * earlier one): it passed the gate when it was stored, so it is not gated again.
     *
     * @return empty when the version is not stored
     */
    public synchronized Optional<HistoryEntry> activate(String version, String by, boolean rollback) {
        if (!store.isStored(version)) {
            return Optional.empty();
        }
        RuleBase base = bases.find(version).orElseThrow();
        List<String> changed = changedFiles(activeFiles(), store.allFiles(version));
        swap(version, base, by);
        HistoryEntry entry = new HistoryEntry(version, Instant.now(), by,
                rollback ? HistoryEntry.Outcome.ROLLED_BACK : HistoryEntry.Outcome.ACTIVATED, List.of(), List.of(), changed);
        record(entry);
        log.info("Ruleset {} {} by {}", version, rollback ? "rolled back to" : "activated", by);
        return Optional.of(entry);
    }

    /** Serves an earlier stored version again. */
    public Optional<HistoryEntry> rollback(String version, String by) {
        return activate(version, by, true);
    }

    /** Stores and swaps under the rule base's lock, so a follower never swaps an older version back in. */
    private void swap(String version, RuleBase base, String by) {
        synchronized (active) {
            store.activate(version, by);
            active.activate(base);
        }
    }

    /** Newest first; the store keeps every attempt, the answer the latest {@code limit}. */
    public List<HistoryEntry> history(int limit) {
        return store.history(limit);
    }

    public List<HistoryEntry> history() {
        return history(200);
    }

    public RulesRoot root() {
        return root;
    }

    public RulesetStore store() {
        return store;
    }

    void record(HistoryEntry entry) {
        store.record(entry);
    }

    /** The active version's files (rules and scenarios) as stored; the serving rule base's if the store lacks them. */
    List<RuleFile> activeFiles() {
        String version = store.active().map(RulesetStore.Active::version).orElse(active.get().version());
        List<RuleFile> files = store.allFiles(version);
        return files.isEmpty() ? active.get().files() : files;
    }

    /** Added, changed or removed paths, sorted. */
    static List<String> changedFiles(List<RuleFile> before, List<RuleFile> after) {
        Map<String, String> old = new HashMap<>();
        before.forEach(f -> old.put(f.path(), Hashes.sha256(f.content())));
        TreeSet<String> changed = new TreeSet<>();
        for (RuleFile f : after) {
            String was = old.remove(f.path());
            if (!Hashes.sha256(f.content()).equals(was)) {
                changed.add(f.path());
            }
        }
        changed.addAll(old.keySet());
        return List.copyOf(changed);
    }

    private static List<RuleFile> ruleFilesOf(List<RuleFile> all) {
        return all.stream().filter(f -> !f.path().startsWith(RulesetStore.SCENARIOS)).toList();
    }

    /**
     * Lays the candidate out in a temporary folder and reads it back as the rules folder is read,
     * so that a publish, a reload and the command line see the same files.
     */
    static Candidate read(List<RuleFile> files) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("qagida-candidate");
            for (RuleFile f : files) {
                Path target = dir.resolve(Uploads.checkPath(f.path())).normalize();
                if (!target.startsWith(dir)) {
                    throw new Uploads.Refused(f.path(), 400, "entry " + f.path() + " points outside the rules root");
                }
                Files.createDirectories(target.getParent());
                Files.write(target, f.content());
            }
            List<RuleFile> ruleFiles = RuleSource.fromDirectory(dir);
            List<RuleFile> scenarioFiles = RulesRoot.scenarioFiles(dir);
            List<Scenario> scenarios = ScenarioRunner.read(dir);
            List<RuleFile> all = new ArrayList<>(ruleFiles);
            all.addAll(scenarioFiles);
            all.sort(Comparator.comparing(RuleFile::path));
            return new Candidate(ruleFiles, scenarios, List.copyOf(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    private static GateReport refusedBeforeGate(String file, String message) {
        return new GateReport(null, false, List.of(Finding.error(file, null, message)), List.of(), 0, List.of());
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", dir, e.toString());
        }
    }
}

package kz.qagida.ruleset;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;

/**
 * What an instance serves when it starts. The store's active version, built from the stored files
 * and not gated again (it passed the gate when it was stored). An empty store is seeded from the
 * rules folder, or the jar's copy. With {@code folderWins} (a developer's instance: watcher on, H2)
 * a folder that differs from the store's active version is stored and activated instead, as the
 * watcher would have published it had the service been running when the files were saved.
 *
 * <p>Files read from a folder on disk were never gated, so before they serve they must stay inside
 * the rules' {@link Vocabulary} (and their compiled code inside {@link CompiledTypes}): an empty
 * store seeded from such a folder refuses to start, and a developer's folder that would win is
 * passed over for the store's active version. The jar's own copy was gated when it was built.
 */
public final class Startup {

    private static final Logger log = LoggerFactory.getLogger(Startup.class);

    private Startup() {
    }

    public static RuleBase serve(RulesRoot root, RulesetStore store, boolean folderWins, String instance) {
        return serve(root, store, folderWins, instance, CompiledCache.NONE);
    }

    /** As above, taking unchanged rule files compiled from {@code compiled}. */
    public static RuleBase serve(RulesRoot root, RulesetStore store, boolean folderWins, String instance, CompiledCache compiled) {
        Optional<RulesetStore.Active> active = store.active();
        if (active.isEmpty()) {
            List<RuleFile> all = root.candidateFiles();
            List<RuleFile> files = root.files();
            RuleBase base = RuleBaseLoader.load(files, compiled);
            List<Finding> outside = outside(root, files, base);
            if (!outside.isEmpty()) {
                throw new IllegalStateException("The rules folder " + root.directory() + " reaches outside the rules' vocabulary, "
                        + "so it cannot seed the ruleset store: " + describe(outside));
            }
            store.store(base.version(), all, null, "seed");
            RulesetStore.Active winner = store.activateIfNone(base.version(), "seed " + instance);
            if (winner.version().equals(base.version())) {
                store.record(new HistoryEntry(base.version(), Instant.now(), "seed " + instance, HistoryEntry.Outcome.SEEDED,
                        List.of(), List.of(), all.stream().map(RuleFile::path).toList()));
                log.info("The ruleset store was empty: seeded it with {} from {}", base.version(), where(root));
                return started(base, store, instance);
            }
            active = Optional.of(winner);
        }
        String version = active.get().version();
        if (folderWins) {
            List<RuleFile> files = root.files();
            String folder = RuleBaseLoader.version(files);
            RuleBase base = folder.equals(version) ? null : RuleBaseLoader.load(files, compiled);
            List<Finding> outside = base == null ? List.of() : outside(root, files, base);
            if (!outside.isEmpty()) {
                log.error("The rules folder {} reaches outside the rules' vocabulary, so it does not win; serving the store's "
                        + "active {}: {}", root.directory(), version, describe(outside));
            } else if (base != null) {
                List<RuleFile> all = root.candidateFiles();
                store.store(base.version(), all, null, "folder " + instance);
                store.activate(base.version(), "folder " + instance);
                store.record(new HistoryEntry(base.version(), Instant.now(), "folder " + instance,
                        HistoryEntry.Outcome.ACTIVATED, List.of(), List.of(),
                        RulesetService.changedFiles(store.allFiles(version), all)));
                log.info("The rules folder {} differs from the store's active {}: the folder wins (watcher on, H2)",
                        root.directory(), version);
                return started(base, store, instance);
            }
        }
        List<RuleFile> stored = store.files(version);
        RuleBase base = RuleBaseLoader.load(stored, compiled);
        if (root.isDirectory() && !folderWins && !RuleBaseLoader.version(root.files()).equals(version)) {
            log.warn("The rules folder {} differs from the store's active version {}: the store wins; "
                    + "publish the folder (POST /api/v1/ruleset/reload) to make it active", root.directory(), version);
        }
        return started(base, store, instance);
    }

    /** What a folder's files reach outside the rules' vocabulary; nothing for the jar's gated copy. */
    private static List<Finding> outside(RulesRoot root, List<RuleFile> files, RuleBase base) {
        if (!root.isDirectory()) {
            return List.of();
        }
        List<Finding> outside = new ArrayList<>(Vocabulary.check(files));
        outside.addAll(CompiledTypes.check(base));
        return outside;
    }

    private static String describe(List<Finding> findings) {
        return findings.stream().map(f -> f.file() + " " + f.location() + ": " + f.message())
                .collect(Collectors.joining("; "));
    }

    private static RuleBase started(RuleBase base, RulesetStore store, String instance) {
        store.record(new HistoryEntry(base.version(), Instant.now(), "start-up " + instance, HistoryEntry.Outcome.STARTED,
                List.of(), List.of()));
        return base;
    }

    private static String where(RulesRoot root) {
        return root.isDirectory() ? root.directory().toString() : "the rules packaged in the application";
    }
}

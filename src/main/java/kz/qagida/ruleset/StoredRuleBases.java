package kz.qagida.ruleset;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleBaseRepository;
import kz.qagida.rules.RuleFile;

/**
 * Rule bases by version, built from the store: the serving one, a few recently used ones kept in
 * the heap (least recently used goes first), and any other compiled on demand. The store keeps the
 * versions; the heap keeps only {@code capacity} of them, so reloads and rollbacks do not grow it.
 */
public class StoredRuleBases implements RuleBaseRepository {

    private final RulesetStore store;
    private final ActiveRuleBase active;
    private final int capacity;
    private final Map<String, RuleBase> kept;

    private final CompiledCache compiled;

    public StoredRuleBases(RulesetStore store, ActiveRuleBase active, int capacity) {
        this(store, active, capacity, CompiledCache.NONE);
    }

    /** As above, taking unchanged rule files compiled from {@code compiled} (a follower compiles only what changed). */
    public StoredRuleBases(RulesetStore store, ActiveRuleBase active, int capacity, CompiledCache compiled) {
        this.compiled = compiled;
        this.store = store;
        this.active = active;
        this.capacity = Math.max(0, capacity);
        this.kept = new LinkedHashMap<>(8, 0.75f, true);
    }

    @Override
    public Optional<RuleBase> find(String version) {
        RuleBase serving = active == null ? null : active.get();
        if (serving != null && serving.version().equals(version)) {
            return Optional.of(serving);
        }
        synchronized (kept) {
            RuleBase base = kept.get(version);
            if (base != null) {
                return Optional.of(base);
            }
        }
        // one compilation at a time: it bounds the heap, and a second caller of the same version finds it kept
        synchronized (this) {
            synchronized (kept) {
                RuleBase base = kept.get(version);
                if (base != null) {
                    return Optional.of(base);
                }
            }
            List<RuleFile> files = store.files(version);
            if (files.isEmpty()) {
                return Optional.empty();
            }
            RuleBase base = RuleBaseLoader.load(files, compiled);
            if (!base.version().equals(version) && !kz.qagida.rules.RulesetVersion.ofBytes(files).equals(version)) {
                throw new IllegalStateException("stored ruleset " + version + " reloads as " + base.version());
            }
            keep(base);
            return Optional.of(base);
        }
    }

    /** Keeps a rule base just built (by the gate) so that the next use of its version does not compile it again. */
    public void keep(RuleBase base) {
        synchronized (kept) {
            kept.put(base.version(), base);
            while (kept.size() > capacity) {
                kept.remove(kept.keySet().iterator().next());
            }
        }
    }

    /** How many rule bases are kept besides the serving one (for tests and metrics). */
    public int keptCount() {
        synchronized (kept) {
            return kept.size();
        }
    }
}

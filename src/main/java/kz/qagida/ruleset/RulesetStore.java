package kz.qagida.ruleset;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.audit.Hashes;
import kz.qagida.rules.RuleFile;

/**
 * The ruleset store in the service's database (H2 or PostgreSQL): every stored version's files,
 * content-addressed, with the gate's report; the one active version; the history of every attempt.
 * On PostgreSQL an activation notifies {@value #CHANNEL}, which every instance listens to.
 */
public class RulesetStore {

    /** The PostgreSQL notification channel of activations; the payload is the version. */
    public static final String CHANNEL = "qagida_ruleset";
    /** Scenario files are stored with a version but are not part of its hash. */
    static final String SCENARIOS = "scenarios/";

    /** The active version and who made it so, when. */
    public record Active(String version, Instant at, String by) {
    }

    /** A stored version: when and by whom, how many rule files, and whether its gate passed (null: not gated). */
    public record Stored(String version, Instant storedAt, String by, int files, Boolean gatePassed) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final JsonMapper json;
    private final boolean postgres;
    private final List<Consumer<HistoryEntry>> listeners = new ArrayList<>();
    /** What this process recorded while no one listened. */
    private final List<HistoryEntry> earlier = new ArrayList<>();

    public RulesetStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.json = json;
        this.postgres = Boolean.TRUE.equals(jdbc.execute((Connection c) ->
                c.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres")));
    }

    public boolean isPostgres() {
        return postgres;
    }

    /**
     * Stores a version (rule files and scenario files) with its gate report; a version stored
     * already keeps its files and gains the report if it had none.
     */
    public void store(String version, List<RuleFile> files, GateReport report, String by) {
        for (RuleFile f : files) {
            storeBlob(Hashes.sha256(f.content()), f.content());
        }
        String reportJson = report == null ? null : json.writeValueAsString(report);
        try {
            tx.executeWithoutResult(status -> {
                if (isStored(version)) {
                    if (reportJson != null) {
                        jdbc.update("UPDATE audit_ruleset SET gate_report = ? WHERE ruleset_version = ? AND gate_report IS NULL",
                                reportJson, version);
                    }
                    return;
                }
                long ruleFiles = files.stream().filter(f -> !f.path().startsWith(SCENARIOS)).count();
                jdbc.update("INSERT INTO audit_ruleset (ruleset_version, stored_at, file_count, gate_report, stored_by) "
                        + "VALUES (?, ?, ?, ?, ?)", version, now(), ruleFiles, reportJson, by);
                jdbc.batchUpdate("INSERT INTO audit_ruleset_file (ruleset_version, path, hash) VALUES (?, ?, ?)",
                        files.stream().map(f -> new Object[] {version, f.path(), Hashes.sha256(f.content())}).toList());
            });
        } catch (DataIntegrityViolationException raced) {
            // another instance (or the audit trail) stored the same version at the same moment
            if (!isStored(version)) {
                throw raced;
            }
        }
    }

    private void storeBlob(String hash, byte[] content) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM audit_blob WHERE hash = ?", Integer.class, hash);
        if (known != null && known > 0) {
            return;
        }
        try {
            jdbc.update("INSERT INTO audit_blob (hash, byte_size, content) VALUES (?, ?, ?)", hash, content.length, content);
        } catch (DataIntegrityViolationException raced) {
            // stored by someone else meanwhile: content-addressed, so the same bytes
        }
    }

    public boolean isStored(String version) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_ruleset WHERE ruleset_version = ?", Integer.class, version);
        return n != null && n > 0;
    }

    /** A version's rule files (no scenarios), sorted by path as the loader reads them; empty if not stored. */
    public List<RuleFile> files(String version) {
        return allFiles(version).stream().filter(f -> !f.path().startsWith(SCENARIOS)).toList();
    }

    /** A version's rule and scenario files, sorted by path. */
    public List<RuleFile> allFiles(String version) {
        List<RuleFile> files = new ArrayList<>();
        jdbc.query("SELECT f.path, b.content FROM audit_ruleset_file f JOIN audit_blob b ON b.hash = f.hash "
                + "WHERE f.ruleset_version = ?", rs -> {
                    files.add(new RuleFile(rs.getString("path"), rs.getBytes("content")));
                }, version);
        files.sort(Comparator.comparing(RuleFile::path));
        return files;
    }

    /** The files of two versions that differ (added, removed or changed): {@code before}'s copies and {@code after}'s. */
    public record Differing(List<RuleFile> before, List<RuleFile> after) {
    }

    /** The files that differ between two versions; the files they share are compared by hash and not read. */
    public Differing differingFiles(String before, String after) {
        Map<String, String> x = hashes(before);
        Map<String, String> y = hashes(after);
        TreeSet<String> paths = new TreeSet<>(x.keySet());
        paths.addAll(y.keySet());
        paths.removeIf(p -> Objects.equals(x.get(p), y.get(p)));
        return new Differing(files(before, paths), files(after, paths));
    }

    private List<RuleFile> files(String version, Set<String> paths) {
        List<RuleFile> files = new ArrayList<>();
        if (paths.isEmpty()) {
            return files;
        }
        List<Object> args = new ArrayList<>();
        args.add(version);
        args.addAll(paths);
        jdbc.query("SELECT f.path, b.content FROM audit_ruleset_file f JOIN audit_blob b ON b.hash = f.hash "
                + "WHERE f.ruleset_version = ? AND f.path IN (" + String.join(", ", Collections.nCopies(paths.size(), "?")) + ")",
                rs -> {
                    files.add(new RuleFile(rs.getString("path"), rs.getBytes("content")));
                }, args.toArray());
        files.sort(Comparator.comparing(RuleFile::path));
        return files;
    }

    /** A version's file paths (rules and scenarios), sorted, without reading the files. */
    public List<String> paths(String version) {
        return hashes(version).keySet().stream().sorted().toList();
    }

    private Map<String, String> hashes(String version) {
        Map<String, String> hashes = new HashMap<>();
        jdbc.query("SELECT path, hash FROM audit_ruleset_file WHERE ruleset_version = ?",
                rs -> {
                    hashes.put(rs.getString(1), rs.getString(2));
                }, version);
        return hashes;
    }

    public Optional<GateReport> report(String version) {
        return jdbc.query("SELECT gate_report FROM audit_ruleset WHERE ruleset_version = ?",
                (rs, n) -> rs.getString(1), version).stream().filter(s -> s != null)
                .map(s -> json.readValue(s, GateReport.class)).findFirst();
    }

    public Optional<Active> active() {
        return jdbc.query("SELECT ruleset_version, activated_at, activated_by FROM ruleset_active WHERE id = 1",
                (rs, n) -> new Active(rs.getString(1), instant(rs, 2), rs.getString(3))).stream().findFirst();
    }

    /** Makes a stored version active and, on PostgreSQL, tells every listening instance at commit. */
    public void activate(String version, String by) {
        tx.executeWithoutResult(status -> {
            if (jdbc.update("UPDATE ruleset_active SET ruleset_version = ?, activated_at = ?, activated_by = ? WHERE id = 1",
                    version, now(), by) == 0) {
                jdbc.update("INSERT INTO ruleset_active (id, ruleset_version, activated_at, activated_by) VALUES (1, ?, ?, ?)",
                        version, now(), by);
            }
            notifyInstances(version);
        });
    }

    /**
     * Makes a version active only if none is yet (the first start-up of an empty store); with two
     * instances seeding at once, one wins and both serve its version.
     */
    public Active activateIfNone(String version, String by) {
        try {
            tx.executeWithoutResult(status -> {
                if (active().isEmpty()) {
                    jdbc.update("INSERT INTO ruleset_active (id, ruleset_version, activated_at, activated_by) VALUES (1, ?, ?, ?)",
                            version, now(), by);
                    notifyInstances(version);
                }
            });
        } catch (DataIntegrityViolationException raced) {
            // the other instance seeded first
        }
        return active().orElseThrow();
    }

    private void notifyInstances(String version) {
        if (postgres) {
            jdbc.queryForList("SELECT pg_notify(?, ?)", CHANNEL, version);
        }
    }

    /**
     * Calls {@code listener} with every attempt this process records from now on, after those it recorded
     * before anyone listened (the start-up load runs on a thread of its own, maybe before the metrics exist).
     */
    public void onRecord(Consumer<HistoryEntry> listener) {
        synchronized (listeners) {
            earlier.forEach(listener);
            listeners.add(listener);
        }
    }

    public void record(HistoryEntry e) {
        recordRow(e);
        synchronized (listeners) {
            if (listeners.isEmpty() && earlier.size() < 100) {
                earlier.add(e);
            }
            listeners.forEach(l -> l.accept(e));
        }
    }

    private void recordRow(HistoryEntry e) {
        jdbc.update("INSERT INTO ruleset_attempt (attempted_at, actor, outcome, ruleset_version, changed_files, errors, failures) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)", e.at().atOffset(ZoneOffset.UTC), limit(e.by(), 200), e.outcome().name(),
                e.version(), json.writeValueAsString(e.changedFiles()), json.writeValueAsString(e.errors()),
                json.writeValueAsString(e.scenarioFailures()));
    }

    /** The latest attempts, newest first. */
    public List<HistoryEntry> history(int limit) {
        return jdbc.query("SELECT attempted_at, actor, outcome, ruleset_version, changed_files, errors, failures "
                + "FROM ruleset_attempt ORDER BY id DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                (rs, n) -> new HistoryEntry(rs.getString("ruleset_version"), instant(rs, 1), rs.getString("actor"),
                        HistoryEntry.Outcome.valueOf(rs.getString("outcome")),
                        json.readValue(rs.getString("errors"), new TypeReference<List<Finding>>() { }),
                        json.readValue(rs.getString("failures"), new TypeReference<List<String>>() { }),
                        json.readValue(rs.getString("changed_files"), new TypeReference<List<String>>() { })));
    }

    /** The stored versions, newest first. */
    public List<Stored> versions(int limit) {
        return jdbc.query(STORED + "ORDER BY stored_at DESC FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", this::storedRow);
    }

    /** One stored version, if stored. */
    public Optional<Stored> stored(String version) {
        return jdbc.query(STORED + "WHERE ruleset_version = ?", this::storedRow, version).stream().findFirst();
    }

    private static final String STORED = "SELECT ruleset_version, stored_at, stored_by, file_count, gate_report FROM audit_ruleset ";

    private Stored storedRow(ResultSet rs, int row) throws SQLException {
        String report = rs.getString("gate_report");
        return new Stored(rs.getString(1), instant(rs, 2), rs.getString(3), rs.getInt(4),
                report == null ? null : json.readValue(report, GateReport.class).passed());
    }

    private static OffsetDateTime now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static String limit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}

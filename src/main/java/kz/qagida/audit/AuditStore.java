package kz.qagida.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.law.Citation;
import kz.qagida.rules.FiredRule;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleFile;

/**
 * The audit trail in a relational database (H2 or PostgreSQL), with plain JDBC. Appends lock the
 * single {@code audit_head} row, so any number of writers, in any number of processes, extend one
 * linear chain; records are never updated, only purged from the start of the chain.
 */
public class AuditStore {

    /** Timestamps are kept to the millisecond so that what is hashed is what comes back. */
    static Instant stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static final Pattern RULEBOOK_ID = Pattern.compile("[A-Z]{2}-\\d+");
    private static final String RECORD_COLUMNS = "seq, evaluation_id, recorded_at, as_of, ruleset_version, caller, "
            + "accept_language, status, citizenship, duration_micros, request_json, response_json, fired_json, "
            + "content_hash, prev_hash, hash, fired_rules, conclusion_codes";
    private static final String SUMMARY_COLUMNS = "seq, evaluation_id, recorded_at, as_of, ruleset_version, caller, "
            + "status, citizenship, duration_micros";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TransactionTemplate snapshot;
    /** Ruleset versions known to be stored; saves a query per batch. */
    private final Set<String> storedRulesets = ConcurrentHashMap.newKeySet();
    /** Citations catalogues known to be stored. */
    private final Set<String> storedCatalogues = ConcurrentHashMap.newKeySet();
    /** Citations catalogues read back, by hash (a few per ruleset version). */
    private final Map<String, Map<String, List<Citation>>> catalogues = new ConcurrentHashMap<>();

    public AuditStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
    }

    // ---------------------------------------------------------------- append

    /** Appends the records in one transaction, in order, storing any ruleset or citations catalogue not stored yet. */
    void append(List<NewRecord> batch) {
        Map<String, RuleBase> rulesets = new LinkedHashMap<>();
        Map<String, byte[]> citations = new LinkedHashMap<>();
        batch.forEach(r -> {
            rulesets.putIfAbsent(r.content().rulesetVersion(), r.ruleBase());
            citations.putIfAbsent(r.citations().hash(), r.citations().content());
        });
        tx.executeWithoutResult(status -> {
            Map<String, Object> head = jdbc.queryForMap("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
            long seq = ((Number) head.get("seq")).longValue();
            String previous = (String) head.get("hash");
            for (RuleBase base : rulesets.values()) {
                if (base != null && !storedRulesets.contains(base.version())) {
                    storeRuleset(base.version(), base.files());
                }
            }
            citations.forEach((hash, content) -> {
                if (!storedCatalogues.contains(hash)) {
                    storeBlob(hash, content);
                }
            });
            List<Object[]> records = new ArrayList<>(batch.size());
            for (NewRecord r : batch) {
                seq++;
                RecordContent c = r.content();
                String hash = Hashes.link(previous, seq, r.contentHash());
                records.add(new Object[] {seq, c.evaluationId(), c.recordedAt().atOffset(ZoneOffset.UTC), c.asOf(),
                        c.rulesetVersion(), c.caller(), c.acceptLanguage(), c.status(), c.citizenship(),
                        c.durationMicros(), c.requestJson(), c.responseJson(), c.firedJson(), r.contentHash(), previous,
                        hash, r.firedRules(), r.conclusionCodes()});
                previous = hash;
            }
            jdbc.batchUpdate("INSERT INTO audit_record (" + RECORD_COLUMNS + ") "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records);
            jdbc.update("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1", seq, previous);
        });
        storedRulesets.addAll(rulesets.keySet());
        storedCatalogues.addAll(citations.keySet());
    }

    /** Stores a ruleset's files by content hash; called under the head lock, so writers never race here. */
    private void storeRuleset(String version, List<RuleFile> files) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM audit_ruleset WHERE ruleset_version = ?", Integer.class,
                version);
        if (known != null && known > 0) {
            return;
        }
        jdbc.update("INSERT INTO audit_ruleset (ruleset_version, stored_at, file_count) VALUES (?, ?, ?)", version,
                OffsetDateTime.now(ZoneOffset.UTC), files.size());
        for (RuleFile f : files) {
            String hash = Hashes.sha256(f.content());
            storeBlob(hash, f.content());
            jdbc.update("INSERT INTO audit_ruleset_file (ruleset_version, path, hash) VALUES (?, ?, ?)", version,
                    f.path(), hash);
        }
    }

    /** Stores bytes under their hash unless stored already; called under the head lock. */
    private void storeBlob(String hash, byte[] content) {
        Integer blob = jdbc.queryForObject("SELECT COUNT(*) FROM audit_blob WHERE hash = ?", Integer.class, hash);
        if (blob == null || blob == 0) {
            jdbc.update("INSERT INTO audit_blob (hash, byte_size, content) VALUES (?, ?, ?)", hash, content.length,
                    content);
        }
    }

    // ---------------------------------------------------------------- read

    /** A record with its place in the chain, and the query columns derived from its content. */
    public record StoredRecord(long seq, RecordContent content, String contentHash, String prevHash, String hash,
            String firedRules, String conclusionCodes) {
    }

    public record Summary(UUID evaluationId, long seq, Instant recordedAt, LocalDate asOf, String rulesetVersion,
            String caller, String status, String citizenship, long durationMicros, List<String> conclusions) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** Filters of the evaluation search; null = any. {@code from}/{@code to} bound the recording time. */
    public record Filter(String ruleId, String conclusion, String status, String citizenship, Instant from,
            Instant to, LocalDate asOfFrom, LocalDate asOfTo, String rulesetVersion) {
    }

    /** One firing of a rule in an evaluation: its position in the firing order, its name, file and row. */
    public record Fired(int position, String name, String file, Integer row) {
    }

    public record RuleFiring(UUID evaluationId, long seq, Instant recordedAt, LocalDate asOf, List<Fired> fired) {
    }

    public record Firings(String rule, long evaluations, Instant first, Instant last, Page<RuleFiring> recent) {
    }

    private static final RowMapper<StoredRecord> RECORD = (rs, n) -> new StoredRecord(rs.getLong("seq"),
            new RecordContent(rs.getObject("evaluation_id", UUID.class), instant(rs, "recorded_at"),
                    rs.getObject("as_of", LocalDate.class), rs.getString("ruleset_version"), rs.getString("caller"),
                    rs.getString("accept_language"), rs.getString("status"), rs.getString("citizenship"),
                    rs.getLong("duration_micros"), rs.getString("request_json"), rs.getString("response_json"),
                    rs.getString("fired_json")),
            rs.getString("content_hash"), rs.getString("prev_hash"), rs.getString("hash"), rs.getString("fired_rules"),
            rs.getString("conclusion_codes"));

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public Optional<StoredRecord> find(UUID evaluationId) {
        return jdbc.query("SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE evaluation_id = ?", RECORD, evaluationId)
                .stream().findFirst();
    }

    /**
     * A record's fired rules in firing order, with their citations: from its response and its rule
     * base's citations catalogue (for a record written before V3, as the record holds them). A
     * catalogue that is missing gives rules without citations; {@link #verify()} reports it.
     */
    public List<FiredRuleEntry> firedRules(StoredRecord r) {
        RecordContent c = r.content();
        String hash = c.citationsHash();
        if (hash == null) {
            return List.of(JSON.readValue(c.firedJson(), FiredRuleEntry[].class));
        }
        Map<String, List<Citation>> citations = catalogue(hash);
        return responseFiredRules(c.responseJson()).stream().map(f -> new FiredRuleEntry(f.id(), f.name(), f.file(),
                f.row(), citations == null ? null : citations.get(f.name()))).toList();
    }

    /** The fired rules (id, name, file, row) as the record's response lists them. */
    private static List<FiredRule> responseFiredRules(String responseJson) {
        return List.of(JSON.treeToValue(JSON.readTree(responseJson).path("firedRules"), FiredRule[].class));
    }

    /** A citations catalogue by hash; null when it is missing or its bytes no longer hash to it. */
    private Map<String, List<Citation>> catalogue(String hash) {
        Map<String, List<Citation>> known = catalogues.get(hash);
        if (known != null) {
            return known;
        }
        byte[] bytes = blob(hash);
        if (bytes == null || !Hashes.sha256(bytes).equals(hash)) {
            return null;
        }
        Map<String, List<Citation>> catalogue = JSON.readValue(bytes, new TypeReference<Map<String, List<Citation>>>() {
        });
        if (catalogues.size() < 100) {
            catalogues.put(hash, catalogue);
        }
        return catalogue;
    }

    private byte[] blob(String hash) {
        return jdbc.query("SELECT content FROM audit_blob WHERE hash = ?", (rs, n) -> rs.getBytes(1), hash).stream()
                .findFirst().orElse(null);
    }

    public Page<Summary> search(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        condition(where, args, "r.fired_rules LIKE ? ESCAPE '!'", line(f.ruleId()));
        condition(where, args, "r.conclusion_codes LIKE ? ESCAPE '!'", line(f.conclusion()));
        condition(where, args, "r.status = ?", f.status());
        condition(where, args, "r.citizenship = ?", f.citizenship());
        condition(where, args, "r.recorded_at >= ?", f.from() == null ? null : f.from().atOffset(ZoneOffset.UTC));
        condition(where, args, "r.recorded_at < ?", f.to() == null ? null : f.to().atOffset(ZoneOffset.UTC));
        condition(where, args, "r.as_of >= ?", f.asOfFrom());
        condition(where, args, "r.as_of <= ?", f.asOfTo());
        condition(where, args, "r.ruleset_version = ?", f.rulesetVersion());
        Long total = jdbc.queryForObject("SELECT COUNT(*) FROM audit_record r" + where, Long.class, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        List<Summary> items = jdbc.query("SELECT " + SUMMARY_COLUMNS + ", conclusion_codes FROM audit_record r" + where
                + " ORDER BY r.seq DESC LIMIT ? OFFSET ?", (rs, n) -> new Summary(rs.getObject("evaluation_id", UUID.class),
                        rs.getLong("seq"), instant(rs, "recorded_at"), rs.getObject("as_of", LocalDate.class),
                        rs.getString("ruleset_version"), rs.getString("caller"), rs.getString("status"),
                        rs.getString("citizenship"), rs.getLong("duration_micros"),
                        lines(rs.getString("conclusion_codes"))),
                pageArgs.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
    }

    /** A recorded check as replay needs it: its request, date, language and the ruleset that answered it. */
    public record RecordedCheck(UUID evaluationId, LocalDate asOf, String rulesetVersion, String acceptLanguage,
            String requestJson) {
    }

    /** Recorded checks, newest first: recorded in [{@code from}, {@code to}) (null = open), at most {@code limit}. */
    public List<RecordedCheck> recordedChecks(Instant from, Instant to, int limit) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        condition(where, args, "r.recorded_at >= ?", from == null ? null : from.atOffset(ZoneOffset.UTC));
        condition(where, args, "r.recorded_at < ?", to == null ? null : to.atOffset(ZoneOffset.UTC));
        args.add(limit);
        return jdbc.query("SELECT r.evaluation_id, r.as_of, r.ruleset_version, r.accept_language, r.request_json "
                + "FROM audit_record r" + where + " ORDER BY r.seq DESC LIMIT ?", (rs, n) -> new RecordedCheck(
                        rs.getObject("evaluation_id", UUID.class), rs.getObject("as_of", LocalDate.class),
                        rs.getString("ruleset_version"), rs.getString("accept_language"), rs.getString("request_json")),
                args.toArray());
    }

    /** The values of a query column ({@code "\nA\nB\n"}). */
    static List<String> lines(String column) {
        return column.lines().filter(l -> !l.isEmpty()).toList();
    }

    /** The LIKE pattern that finds {@code value} as a whole line of a query column. */
    static String line(String value) {
        return value == null ? null
                : "%\n" + value.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "\n%";
    }

    private static void condition(StringBuilder where, List<Object> args, String sql, Object value) {
        if (value != null) {
            where.append(" AND ").append(sql);
            args.add(value);
        }
    }

    /**
     * How often and when a rule fired: the evaluations in which it fired, the first and the last, and
     * a page of them, newest first, each with the firings of the rule (its rows, for a table).
     * {@code rule} is a rulebook id ({@code EN-2}) or a rule name ({@code EN-2 DE}).
     */
    public Firings firings(String rule, Instant from, Instant to, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE r.fired_rules LIKE ? ESCAPE '!'");
        List<Object> args = new ArrayList<>(List.of(line(rule)));
        condition(where, args, "r.recorded_at >= ?", from == null ? null : from.atOffset(ZoneOffset.UTC));
        condition(where, args, "r.recorded_at < ?", to == null ? null : to.atOffset(ZoneOffset.UTC));
        Map<String, Object> totals = jdbc.queryForMap("SELECT COUNT(*) AS n, MIN(r.recorded_at) AS first_at, "
                + "MAX(r.recorded_at) AS last_at FROM audit_record r" + where, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        boolean byId = RULEBOOK_ID.matcher(rule).matches();
        List<RuleFiring> recent = jdbc.query("SELECT r.evaluation_id, r.seq, r.recorded_at, r.as_of, r.response_json "
                + "FROM audit_record r" + where + " ORDER BY r.seq DESC LIMIT ? OFFSET ?", (rs, n) -> {
                    List<Fired> fired = new ArrayList<>();
                    List<FiredRule> entries = responseFiredRules(rs.getString("response_json"));
                    for (int i = 0; i < entries.size(); i++) {
                        FiredRule e = entries.get(i);
                        if (rule.equals(byId ? e.id() : e.name())) {
                            fired.add(new Fired(i, e.name(), e.file(), e.row()));
                        }
                    }
                    return new RuleFiring(rs.getObject("evaluation_id", UUID.class), rs.getLong("seq"),
                            instant(rs, "recorded_at"), rs.getObject("as_of", LocalDate.class), fired);
                }, pageArgs.toArray());
        long n = ((Number) totals.get("n")).longValue();
        return new Firings(rule, n, toInstant(totals.get("first_at")), toInstant(totals.get("last_at")),
                new Page<>(recent, page, size, n));
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof OffsetDateTime t) {
            return t.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (value instanceof java.time.Instant t) {
            return t;
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }

    /**
     * The rule files of a stored ruleset, sorted by path as the loader reads them; empty if it was
     * never stored. The scenario files the ruleset store keeps beside them are not part of the version.
     */
    public List<RuleFile> rulesetFiles(String version) {
        Map<String, RuleFile> files = new TreeMap<>();
        jdbc.query("SELECT f.path, b.content FROM audit_ruleset_file f JOIN audit_blob b ON b.hash = f.hash "
                + "WHERE f.ruleset_version = ? AND f.path NOT LIKE 'scenarios/%'", rs -> {
                    files.put(rs.getString(1), new RuleFile(rs.getString(1), rs.getBytes(2)));
                }, version);
        return List.copyOf(files.values());
    }

    public record RulesetSummary(String version, Instant storedAt, int files) {
    }

    public List<RulesetSummary> rulesets() {
        return jdbc.query("SELECT ruleset_version, stored_at, file_count FROM audit_ruleset ORDER BY stored_at",
                (rs, n) -> new RulesetSummary(rs.getString(1), instant(rs, "stored_at"), rs.getInt(3)));
    }

    // ---------------------------------------------------------------- verify

    /** The first broken link, or null when the chain verifies. */
    public record Break(long seq, UUID evaluationId, String problem) {
    }

    public record Point(long seq, String hash) {
    }

    public record Verification(boolean valid, long records, Point anchor, Point head, Break firstBroken) {
    }

    /**
     * Walks the chain from the anchor (where retention purges stopped) to the head, recomputing
     * each record's content hash and link, and reports the first record that does not match.
     */
    public Verification verify() {
        return snapshot.execute(status -> {
            Point anchor = jdbc.queryForObject("SELECT seq, hash FROM audit_anchor WHERE id = 1",
                    (rs, n) -> new Point(rs.getLong(1), rs.getString(2)));
            Point head = jdbc.queryForObject("SELECT seq, hash FROM audit_head WHERE id = 1",
                    (rs, n) -> new Point(rs.getLong(1), rs.getString(2)));
            long expectedSeq = anchor.seq() + 1;
            String previous = anchor.hash();
            long checked = 0;
            long after = anchor.seq();
            Map<String, String> catalogueProblems = new HashMap<>();
            while (true) {
                List<StoredRecord> page = jdbc.query("SELECT " + RECORD_COLUMNS
                        + " FROM audit_record WHERE seq > ? ORDER BY seq LIMIT 500", RECORD, after);
                for (StoredRecord r : page) {
                    String problem = check(r, expectedSeq, previous);
                    String catalogue = r.content().citationsHash();
                    if (problem == null && catalogue != null) {
                        problem = catalogueProblems.computeIfAbsent(catalogue, this::catalogueProblem);
                        problem = problem.isEmpty() ? null : problem;
                    }
                    if (problem != null) {
                        return new Verification(false, checked, anchor, head,
                                new Break(r.seq(), r.content().evaluationId(), problem));
                    }
                    checked++;
                    previous = r.hash();
                    expectedSeq = r.seq() + 1;
                    after = r.seq();
                }
                if (page.size() < 500) {
                    break;
                }
            }
            if (head.seq() != expectedSeq - 1 || !head.hash().equals(previous)) {
                return new Verification(false, checked, anchor, head, new Break(expectedSeq, null,
                        "the head says the chain ends at record " + head.seq() + " with hash " + head.hash()
                                + ", but the last record is " + (expectedSeq - 1) + " with hash " + previous
                                + ": records at the end are missing or the head was altered"));
            }
            return new Verification(true, checked, anchor, head, null);
        });
    }

    private static String check(StoredRecord r, long expectedSeq, String previous) {
        if (r.seq() != expectedSeq) {
            return "record " + expectedSeq + (expectedSeq + 1 == r.seq() ? " is" : " to " + (r.seq() - 1) + " are")
                    + " missing: the chain jumps to record " + r.seq();
        }
        String content = r.content().hash();
        if (!content.equals(r.contentHash())) {
            return "content altered: the record hashes to " + content + " but its stored content hash is "
                    + r.contentHash();
        }
        if (!previous.equals(r.prevHash())) {
            return "link broken: the record names " + r.prevHash() + " as its predecessor's hash, but the predecessor's"
                    + " hash is " + previous;
        }
        String link = Hashes.link(previous, r.seq(), content);
        if (!link.equals(r.hash())) {
            return "hash altered: the record's stored hash is " + r.hash() + " but its link computes to " + link;
        }
        List<FiredRule> firedRules = r.content().citationsHash() != null
                ? responseFiredRules(r.content().responseJson())
                : Arrays.stream(JSON.readValue(r.content().firedJson(), FiredRuleEntry[].class))
                        .map(e -> new FiredRule(e.id(), e.name(), e.file(), e.row())).toList();
        String fired = NewRecord.firedRules(firedRules);
        if (!fired.equals(r.firedRules())) {
            return "query column fired_rules altered: it does not match the record's fired rules";
        }
        List<String> codes = new ArrayList<>();
        JSON.readTree(r.content().responseJson()).path("conclusions").forEach(c -> codes.add(c.path("code").asString()));
        if (!NewRecord.lines(codes).equals(r.conclusionCodes())) {
            return "query column conclusion_codes altered: it does not match the record's conclusions";
        }
        return null;
    }

    /** What is wrong with the citations catalogue a record refers to; empty when nothing. */
    private String catalogueProblem(String hash) {
        byte[] bytes = blob(hash);
        if (bytes == null) {
            return "the citations catalogue " + hash + " the record refers to is missing";
        }
        String actual = Hashes.sha256(bytes);
        return actual.equals(hash) ? "" : "the citations catalogue " + hash + " the record refers to was altered: "
                + "it hashes to " + actual;
    }

    // ---------------------------------------------------------------- retention

    public record Purge(long purged, Point anchor) {
    }

    /**
     * Deletes the records made before {@code cutoff} from the start of the chain, and moves the anchor
     * to the last deleted record, so the rest still verifies from it.
     */
    public Purge purge(Instant cutoff) {
        return tx.execute(status -> {
            jdbc.queryForMap("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE");
            Point anchor = jdbc.queryForObject("SELECT seq, hash FROM audit_anchor WHERE id = 1",
                    (rs, n) -> new Point(rs.getLong(1), rs.getString(2)));
            Long firstKept = jdbc.queryForObject("SELECT MIN(seq) FROM audit_record WHERE recorded_at >= ?", Long.class,
                    cutoff.atOffset(ZoneOffset.UTC));
            Long last = firstKept != null ? Long.valueOf(firstKept - 1)
                    : jdbc.queryForObject("SELECT MAX(seq) FROM audit_record", Long.class);
            if (last == null || last <= anchor.seq()) {
                return new Purge(0, anchor);
            }
            String hash = jdbc.queryForObject("SELECT hash FROM audit_record WHERE seq = ?", String.class, last);
            int purged = jdbc.update("DELETE FROM audit_record WHERE seq <= ?", last);
            jdbc.update("UPDATE audit_anchor SET seq = ?, hash = ?, purged = purged + ?, purged_at = ? WHERE id = 1", last,
                    hash, purged, OffsetDateTime.now(ZoneOffset.UTC));
            return new Purge(purged, new Point(last, hash));
        });
    }

    /** How many records the store holds (tests and the benchmark use it). */
    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class);
        return n == null ? 0 : n;
    }
}

package kz.qagida.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.core.type.TypeReference;

import kz.qagida.law.Citation;
import kz.qagida.rules.FiredRule;
import kz.qagida.rules.RuleFile;

/** Reads the audit trail: a record, a filtered page of records, a rule's firings, the stored rulesets. */
public class AuditQueries {

    private static final Pattern RULEBOOK_ID = Pattern.compile("[A-Z]{2}-\\d+");
    private static final String SUMMARY_COLUMNS = "seq, evaluation_id, recorded_at, as_of, ruleset_version, caller, "
            + "status, citizenship, duration_micros";

    private final JdbcTemplate jdbc;
    /** Citations catalogues read back, by hash (a few per ruleset version). */
    private final Map<String, Map<String, List<Citation>>> catalogues = new ConcurrentHashMap<>();

    public AuditQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code undelivered}: the check was answered 503 although its record was committed. */
    public record Summary(UUID evaluationId, long seq, Instant recordedAt, LocalDate asOf, String rulesetVersion,
            String caller, String status, String citizenship, long durationMicros, List<String> conclusions,
            boolean undelivered) {
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

    public Optional<StoredRecord> find(UUID evaluationId) {
        return jdbc.query("SELECT " + StoredRecord.COLUMNS + " FROM audit_record WHERE evaluation_id = ?", StoredRecord.ROW, evaluationId)
                .stream().findFirst();
    }

    /**
     * A record's fired rules in firing order, with their citations: from its response and its rule
     * base's citations catalogue (for a record written before V3, as the record holds them). A
     * catalogue that is missing gives rules without citations; {@link AuditVerifier#verify()} reports it.
     */
    public List<FiredRuleEntry> firedRules(StoredRecord r) {
        RecordContent c = r.content();
        String hash = c.citationsHash();
        if (hash == null) {
            return List.of(StoredRecord.JSON.readValue(c.firedJson(), FiredRuleEntry[].class));
        }
        Map<String, List<Citation>> citations = catalogue(hash);
        return StoredRecord.responseFiredRules(c.responseJson()).stream().map(f -> new FiredRuleEntry(f.id(), f.name(), f.file(),
                f.row(), citations == null ? null : citations.get(f.name()))).toList();
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
        Map<String, List<Citation>> catalogue = StoredRecord.JSON.readValue(bytes, new TypeReference<Map<String, List<Citation>>>() {
        });
        if (catalogues.size() < 100) {
            catalogues.put(hash, catalogue);
        }
        return catalogue;
    }

    byte[] blob(String hash) {
        return jdbc.query("SELECT content FROM audit_blob WHERE hash = ?", (rs, n) -> rs.getBytes(1), hash).stream()
                .findFirst().orElse(null);
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

    public Page<Summary> search(Filter f, int page, int size) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> args = new ArrayList<>();
        condition(where, args, "r.seq IN (SELECT f.seq FROM audit_rule_firing f WHERE f.rule = ?)", f.ruleId());
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
        List<Summary> items = jdbc.query("SELECT " + SUMMARY_COLUMNS + ", conclusion_codes, CASE WHEN EXISTS "
                + "(SELECT 1 FROM audit_undelivered u WHERE u.evaluation_id = r.evaluation_id) THEN 1 ELSE 0 END "
                + "AS undelivered FROM audit_record r" + where + " ORDER BY r.seq DESC LIMIT ? OFFSET ?", (rs, n) -> new Summary(rs.getObject("evaluation_id", UUID.class),
                        rs.getLong("seq"), StoredRecord.instant(rs, "recorded_at"), rs.getObject("as_of", LocalDate.class),
                        rs.getString("ruleset_version"), rs.getString("caller"), rs.getString("status"),
                        rs.getString("citizenship"), rs.getLong("duration_micros"),
                        lines(rs.getString("conclusion_codes")), rs.getInt("undelivered") == 1),
                pageArgs.toArray());
        return new Page<>(items, page, size, total == null ? 0 : total);
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
        StringBuilder where = new StringBuilder(" WHERE f.rule = ?");
        List<Object> args = new ArrayList<>(List.of(rule));
        condition(where, args, "f.recorded_at >= ?", from == null ? null : from.atOffset(ZoneOffset.UTC));
        condition(where, args, "f.recorded_at < ?", to == null ? null : to.atOffset(ZoneOffset.UTC));
        Map<String, Object> totals = jdbc.queryForMap("SELECT COUNT(*) AS n, MIN(f.recorded_at) AS first_at, "
                + "MAX(f.recorded_at) AS last_at FROM audit_rule_firing f" + where, args.toArray());
        List<Object> pageArgs = new ArrayList<>(args);
        pageArgs.add(size);
        pageArgs.add((long) page * size);
        boolean byId = RULEBOOK_ID.matcher(rule).matches();
        List<RuleFiring> recent = jdbc.query("SELECT r.evaluation_id, r.seq, r.recorded_at, r.as_of, r.response_json "
                + "FROM audit_record r WHERE r.seq IN (SELECT f.seq FROM audit_rule_firing f" + where
                + " ORDER BY f.seq DESC LIMIT ? OFFSET ?) ORDER BY r.seq DESC", (rs, n) -> {
                    List<Fired> fired = new ArrayList<>();
                    List<FiredRule> entries = StoredRecord.responseFiredRules(rs.getString("response_json"));
                    for (int i = 0; i < entries.size(); i++) {
                        FiredRule e = entries.get(i);
                        if (rule.equals(byId ? e.id() : e.name())) {
                            fired.add(new Fired(i, e.name(), e.file(), e.row()));
                        }
                    }
                    return new RuleFiring(rs.getObject("evaluation_id", UUID.class), rs.getLong("seq"),
                            StoredRecord.instant(rs, "recorded_at"), rs.getObject("as_of", LocalDate.class), fired);
                }, pageArgs.toArray());
        long n = ((Number) totals.get("n")).longValue();
        return new Firings(rule, n, toInstant(totals.get("first_at")), toInstant(totals.get("last_at")),
                new Page<>(recent, page, size, n));
    }

    /** Whether the check of a record was answered 503 although its record was committed. */
    public boolean undelivered(UUID evaluationId) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_undelivered WHERE evaluation_id = ?", Long.class,
                evaluationId);
        return n != null && n > 0;
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

    /** The files of a stored ruleset, sorted by path as the loader reads them; empty if it was never stored. */
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
                (rs, n) -> new RulesetSummary(rs.getString(1), StoredRecord.instant(rs, "stored_at"), rs.getInt(3)));
    }

    /** How many records the store holds (tests and the benchmark use it). */
    public long count() {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_record", Long.class);
        return n == null ? 0 : n;
    }
}

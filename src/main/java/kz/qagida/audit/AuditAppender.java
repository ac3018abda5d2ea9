package kz.qagida.audit;

import java.sql.DatabaseMetaData;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleFile;

/**
 * Appends records to the audit trail (H2 or PostgreSQL, plain JDBC). Each writer extends a
 * {@link Chain} of its own, so no append waits for a lock another process holds: the records, their
 * rule index rows and the chain's head row are written in one transaction that touches no row another
 * writer writes. Rulesets and citations catalogues, which every instance shares, are stored by
 * content hash in statements of their own (autocommit) before it. Records are never updated, only
 * purged from the start of their chain ({@link AuditRetention}).
 */
public class AuditAppender {

    /** The end of a chain: the position and hash of its last record. */
    record Head(long seq, String hash) {
    }

    /**
     * The chain one writer extends, named by a random id and labelled with the instance that writes
     * it. Its head is kept between appends; {@code null} when unknown (before the first append, and
     * after a failed one, whose commit may or may not have happened), and then read back (or, when the
     * chain has no row yet, created) with the next append.
     */
    static final class Chain {

        final String id;
        final String instance;
        Head head;

        Chain(String instance) {
            this.id = UUID.randomUUID().toString();
            this.instance = instance;
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Ruleset versions known to be stored; saves a query per batch. */
    private final Set<String> storedRulesets = ConcurrentHashMap.newKeySet();
    /** Citations catalogues known to be stored. */
    private final Set<String> storedCatalogues = ConcurrentHashMap.newKeySet();
    private volatile String nextSeqs;

    public AuditAppender(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tx = transactions == null ? null : new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /**
     * Appends the records to the chain in one transaction, in order, with {@code undelivered} (the
     * evaluation ids of earlier records whose check was refused, marked if they were committed).
     */
    void append(Chain chain, List<NewRecord> batch, List<UUID> undelivered) {
        storeShared(batch);
        if (chain.head == null) { // at first, and after a failure whose commit may have happened
            chain.head = jdbc.query("SELECT seq, hash FROM audit_chain WHERE chain_id = ?",
                    (rs, n) -> new Head(rs.getLong(1), rs.getString(2)), chain.id).stream().findFirst().orElse(null);
        }
        boolean created = chain.head == null;
        Head start = created ? new Head(0, Hashes.GENESIS) : chain.head;
        List<Long> seqs = batch.isEmpty() ? List.of() : jdbc.queryForList(nextSeqs(), Long.class, batch.size());
        List<Object[]> records = new ArrayList<>(batch.size());
        List<Object[]> firings = new ArrayList<>();
        long position = start.seq();
        String previous = start.hash();
        for (int i = 0; i < batch.size(); i++) {
            NewRecord r = batch.get(i);
            long seq = seqs.get(i);
            position++;
            RecordContent c = r.content();
            OffsetDateTime at = c.recordedAt().atOffset(ZoneOffset.UTC);
            String hash = Hashes.link(previous, position, r.contentHash());
            records.add(new Object[] {seq, c.evaluationId(), at, c.asOf(), c.rulesetVersion(), c.caller(),
                    c.acceptLanguage(), c.status(), c.citizenship(), c.durationMicros(), c.requestJson(),
                    c.responseJson(), c.firedJson(), r.contentHash(), previous, hash, r.firedRules(),
                    r.conclusionCodes(), chain.id, position});
            AuditQueries.lines(r.firedRules()).forEach(rule -> firings.add(new Object[] {rule, seq, at}));
            previous = hash;
        }
        Head end = new Head(position, previous);
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        try {
            tx.executeWithoutResult(status -> {
                jdbc.batchUpdate("INSERT INTO audit_record (" + StoredRecord.COLUMNS + ") "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", records);
                jdbc.batchUpdate("INSERT INTO audit_rule_firing (rule, seq, recorded_at) VALUES (?, ?, ?)", firings);
                for (UUID id : undelivered) {
                    jdbc.update("INSERT INTO audit_undelivered (evaluation_id, noted_at) SELECT evaluation_id, ? "
                            + "FROM audit_record WHERE evaluation_id = ? AND NOT EXISTS "
                            + "(SELECT 1 FROM audit_undelivered u WHERE u.evaluation_id = ?)", now, id, id);
                }
                if (created) {
                    jdbc.update("INSERT INTO audit_chain (chain_id, instance, started_at, seq, hash) VALUES (?, ?, ?, ?, ?)",
                            chain.id, chain.instance, now, end.seq(), end.hash());
                    jdbc.update("INSERT INTO audit_chain_anchor (chain_id, seq, hash, purged) VALUES (?, 0, ?, 0)",
                            chain.id, Hashes.GENESIS);
                } else if (jdbc.update("UPDATE audit_chain SET seq = ?, hash = ? WHERE chain_id = ? AND seq = ?",
                        end.seq(), end.hash(), chain.id, start.seq()) != 1) {
                    throw new IllegalStateException("the head of audit chain " + chain.id + " is not at record "
                            + start.seq() + ": another writer extends it");
                }
            });
        } catch (RuntimeException | Error e) {
            chain.head = null; // the commit may have happened: read the head back before the next append
            throw e;
        }
        chain.head = end;
    }

    /** One query that takes {@code ?} values of the records' sequence, in the database's dialect. */
    private String nextSeqs() {
        String sql = nextSeqs;
        if (sql == null) {
            String product = jdbc.execute((ConnectionCallback<String>) c -> {
                DatabaseMetaData meta = c.getMetaData();
                return meta.getDatabaseProductName();
            });
            sql = "H2".equalsIgnoreCase(product) ? "SELECT NEXT VALUE FOR audit_record_seq FROM SYSTEM_RANGE(1, ?)"
                    : "SELECT nextval('audit_record_seq') FROM generate_series(1, ?) ORDER BY 1";
            nextSeqs = sql;
        }
        return sql;
    }

    /**
     * Stores the rulesets and citations catalogues of the batch not stored yet, each statement on its
     * own (autocommit), so that two instances storing the same content wait at most for a statement,
     * never for the other's transaction; a duplicate means another got there first.
     */
    private void storeShared(List<NewRecord> batch) {
        Map<String, RuleBase> rulesets = new LinkedHashMap<>();
        Map<String, byte[]> citations = new LinkedHashMap<>();
        batch.forEach(r -> {
            if (r.ruleBase() != null && !storedRulesets.contains(r.ruleBase().version())) {
                rulesets.putIfAbsent(r.ruleBase().version(), r.ruleBase());
            }
            if (r.citations() != null && !storedCatalogues.contains(r.citations().hash())) {
                citations.putIfAbsent(r.citations().hash(), r.citations().content());
            }
        });
        if (citations.isEmpty() && rulesets.isEmpty()) {
            return;
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> { // one connection, in autocommit
            JdbcTemplate one = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
            citations.forEach((hash, content) -> storeBlob(one, hash, content));
            rulesets.values().forEach(base -> storeRuleset(one, base.version(), base.files()));
            return null;
        });
        storedCatalogues.addAll(citations.keySet());
        storedRulesets.addAll(rulesets.keySet());
    }

    /**
     * Stores a ruleset's files by content hash: its row, then each file's blob and row. A ruleset whose
     * rows are fewer than its file count (a store interrupted half-way) is completed.
     */
    private void storeRuleset(JdbcTemplate jdbc, String version, List<RuleFile> files) {
        Integer known = jdbc.queryForObject("SELECT COUNT(*) FROM audit_ruleset_file WHERE ruleset_version = ?",
                Integer.class, version);
        if (known != null && known == files.size()) {
            return;
        }
        ignoreDuplicate(() -> jdbc.update("INSERT INTO audit_ruleset (ruleset_version, stored_at, file_count) "
                + "VALUES (?, ?, ?)", version, clock.instant().atOffset(ZoneOffset.UTC), files.size()));
        for (RuleFile f : files) {
            String hash = Hashes.sha256(f.content());
            storeBlob(jdbc, hash, f.content());
            ignoreDuplicate(() -> jdbc.update("INSERT INTO audit_ruleset_file (ruleset_version, path, hash) "
                    + "VALUES (?, ?, ?)", version, f.path(), hash));
        }
    }

    /** Stores bytes under their hash unless stored already. */
    private static void storeBlob(JdbcTemplate jdbc, String hash, byte[] content) {
        Integer blob = jdbc.queryForObject("SELECT COUNT(*) FROM audit_blob WHERE hash = ?", Integer.class, hash);
        if (blob == null || blob == 0) {
            ignoreDuplicate(() -> jdbc.update("INSERT INTO audit_blob (hash, byte_size, content) VALUES (?, ?, ?)",
                    hash, content.length, content));
        }
    }

    private static void ignoreDuplicate(Runnable insert) {
        try {
            insert.run();
        } catch (DuplicateKeyException stored) {
            // stored by another instance meanwhile: the same bytes under the same key
        }
    }
}

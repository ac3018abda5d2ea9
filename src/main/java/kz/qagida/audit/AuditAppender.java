package kz.qagida.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleFile;

/**
 * Appends records to the audit trail (H2 or PostgreSQL, plain JDBC). Appends lock the single
 * {@code audit_head} row, so any number of writers, in any number of processes, extend one linear
 * chain; records are never updated, only purged from the start of the chain ({@link AuditRetention}).
 */
public class AuditAppender {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;
    /** Ruleset versions known to be stored; saves a query per batch. */
    private final Set<String> storedRulesets = ConcurrentHashMap.newKeySet();
    /** Citations catalogues known to be stored. */
    private final Set<String> storedCatalogues = ConcurrentHashMap.newKeySet();

    public AuditAppender(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.tx = transactions == null ? null : new TransactionTemplate(transactions);
        this.clock = clock;
    }

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
            jdbc.batchUpdate("INSERT INTO audit_record (" + StoredRecord.COLUMNS + ") "
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
                clock.instant().atOffset(ZoneOffset.UTC), files.size());
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
}

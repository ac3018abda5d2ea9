package kz.qagida.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Deletes records older than {@code qagida.audit.retention}, keeping the chain verifiable from an anchor. */
public class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AuditProperties properties;
    private final Clock clock;

    public AuditRetention(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditProperties properties,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    @Scheduled(initialDelayString = "${qagida.audit.purge-interval:PT1H}", fixedDelayString = "${qagida.audit.purge-interval:PT1H}")
    void purgeExpired() {
        if (properties.retention() == null) {
            return;
        }
        try {
            Purge purge = purge(clock.instant().minus(properties.retention()));
            if (purge.purged() > 0) {
                log.info("Purged {} audit record(s) older than {}", purge.purged(), properties.retention());
            }
        } catch (RuntimeException e) {
            log.warn("Audit retention purge failed: {}", e.toString());
        }
    }

    /** How many records were purged, and where the chain purged last now starts. */
    public record Purge(long purged, AuditVerifier.Point anchor) {
    }

    /**
     * Deletes, from the start of each chain, the records made before {@code cutoff}, with their rule
     * index rows, and moves the chain's anchor to the last deleted record, so the rest still verifies
     * from it. Each chain is purged in a transaction of its own, which locks only the chain's anchor
     * row: writers never wait for a purge.
     */
    public Purge purge(Instant cutoff) {
        var at = cutoff.atOffset(ZoneOffset.UTC);
        List<Map<String, Object>> old = jdbc.queryForList("SELECT chain_id, MAX(seq) AS last_seq FROM audit_record "
                + "WHERE recorded_at < ? GROUP BY chain_id ORDER BY MAX(seq)", at);
        long purged = 0;
        AuditVerifier.Point anchor = null;
        for (Map<String, Object> chain : old) {
            Purge p = purge((String) chain.get("chain_id"), ((Number) chain.get("last_seq")).longValue(), at);
            purged += p.purged();
            anchor = p.purged() > 0 || anchor == null ? p.anchor() : anchor;
        }
        return new Purge(purged, anchor);
    }

    private Purge purge(String chain, long lastOld, java.time.OffsetDateTime cutoff) {
        return tx.execute(status -> {
            AuditVerifier.Point anchor = jdbc.queryForObject("SELECT seq, hash FROM audit_chain_anchor "
                    + "WHERE chain_id = ? FOR UPDATE", (rs, n) -> new AuditVerifier.Point(rs.getLong(1), rs.getString(2)),
                    chain);
            Long firstKept = jdbc.queryForObject("SELECT MIN(seq) FROM audit_record WHERE chain_id = ? AND seq <= ? "
                    + "AND recorded_at >= ?", Long.class, chain, lastOld, cutoff);
            Long last = firstKept == null ? Long.valueOf(lastOld)
                    : jdbc.queryForObject("SELECT MAX(seq) FROM audit_record WHERE chain_id = ? AND seq < ?", Long.class,
                            chain, firstKept);
            if (last == null) {
                return new Purge(0, anchor);
            }
            StoredRecord end = jdbc.queryForObject("SELECT " + StoredRecord.COLUMNS + " FROM audit_record WHERE seq = ?",
                    StoredRecord.ROW, last);
            if (end.chainSeq() <= anchor.seq()) {
                return new Purge(0, anchor);
            }
            List<Object[]> firings = new ArrayList<>();
            jdbc.query("SELECT seq, fired_rules FROM audit_record WHERE chain_id = ? AND seq <= ?", rs -> {
                long seq = rs.getLong(1);
                AuditQueries.lines(rs.getString(2)).forEach(rule -> firings.add(new Object[] {rule, seq}));
            }, chain, last);
            jdbc.batchUpdate("DELETE FROM audit_rule_firing WHERE rule = ? AND seq = ?", firings);
            int purged = jdbc.update("DELETE FROM audit_record WHERE chain_id = ? AND seq <= ?", chain, last);
            jdbc.update("UPDATE audit_chain_anchor SET seq = ?, hash = ?, purged = purged + ?, purged_at = ? "
                    + "WHERE chain_id = ?", end.chainSeq(), end.hash(), purged, clock.instant().atOffset(ZoneOffset.UTC),
                    chain);
            return new Purge(purged, new AuditVerifier.Point(end.chainSeq(), end.hash()));
        });
    }
}

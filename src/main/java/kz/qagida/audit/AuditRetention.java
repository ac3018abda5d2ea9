package kz.qagida.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

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
                log.info("Purged {} audit record(s) older than {}; the chain now starts after record {}",
                        purge.purged(), properties.retention(), purge.anchor().seq());
            }
        } catch (RuntimeException e) {
            log.warn("Audit retention purge failed: {}", e.toString());
        }
    }

    public record Purge(long purged, AuditVerifier.Point anchor) {
    }

    /**
     * Deletes the records made before {@code cutoff} from the start of the chain, and moves the anchor
     * to the last deleted record, so the rest still verifies from it.
     */
    public Purge purge(Instant cutoff) {
        return tx.execute(status -> {
            jdbc.queryForMap("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE");
            AuditVerifier.Point anchor = jdbc.queryForObject("SELECT seq, hash FROM audit_anchor WHERE id = 1",
                    (rs, n) -> new AuditVerifier.Point(rs.getLong(1), rs.getString(2)));
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
                    hash, purged, clock.instant().atOffset(ZoneOffset.UTC));
            return new Purge(purged, new AuditVerifier.Point(last, hash));
        });
    }
}

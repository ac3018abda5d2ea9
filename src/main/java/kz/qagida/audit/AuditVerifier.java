package kz.qagida.audit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import kz.qagida.rules.FiredRule;

/** Verifies the chain: every record's content hash, link and query columns, and the citations catalogues. */
public class AuditVerifier {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final AuditQueries queries;

    public AuditVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditQueries queries) {
        this.jdbc = jdbc;
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.queries = queries;
    }

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
                List<StoredRecord> page = jdbc.query("SELECT " + StoredRecord.COLUMNS
                        + " FROM audit_record WHERE seq > ? ORDER BY seq LIMIT 500", StoredRecord.ROW, after);
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
                ? StoredRecord.responseFiredRules(r.content().responseJson())
                : Arrays.stream(StoredRecord.JSON.readValue(r.content().firedJson(), FiredRuleEntry[].class))
                        .map(e -> new FiredRule(e.id(), e.name(), e.file(), e.row())).toList();
        String fired = NewRecord.firedRules(firedRules);
        if (!fired.equals(r.firedRules())) {
            return "query column fired_rules altered: it does not match the record's fired rules";
        }
        List<String> codes = new ArrayList<>();
        StoredRecord.JSON.readTree(r.content().responseJson()).path("conclusions").forEach(c -> codes.add(c.path("code").asString()));
        if (!NewRecord.lines(codes).equals(r.conclusionCodes())) {
            return "query column conclusion_codes altered: it does not match the record's conclusions";
        }
        return null;
    }

    /** What is wrong with the citations catalogue a record refers to; empty when nothing. */
    private String catalogueProblem(String hash) {
        byte[] bytes = queries.blob(hash);
        if (bytes == null) {
            return "the citations catalogue " + hash + " the record refers to is missing";
        }
        String actual = Hashes.sha256(bytes);
        return actual.equals(hash) ? "" : "the citations catalogue " + hash + " the record refers to was altered: "
                + "it hashes to " + actual;
    }
}

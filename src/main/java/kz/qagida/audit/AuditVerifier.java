package kz.qagida.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;

import kz.qagida.rules.FiredRule;

/**
 * Verifies the trail: every chain from its anchor (where retention purges stopped), or from its last
 * verified checkpoint, to the head it had when verification began, recomputing each record's content
 * hash, link and query columns, and checking the citations catalogues. All chains are walked together,
 * in the records' global order, a page per query (no snapshot is held for the whole walk); records
 * appended meanwhile are left to the next verification. A valid verification leaves a checkpoint
 * per chain.
 */
public class AuditVerifier {

    private static final int PAGE = 500;

    /** The first broken link, or null when the chain verifies; {@code seq} is the position in {@code chain}. */
    public record Break(long seq, UUID evaluationId, String problem, String chain) {
    }

    public record Point(long seq, String hash) {
    }

    /** One chain: who wrote it, where its kept part starts, its head, and the records checked now. */
    public record Chain(String chain, String instance, Point anchor, Point head, Point verifiedFrom, long records) {
    }

    /**
     * The outcome. {@code anchor} and {@code head} are those of the chain of the break, or else of the
     * chain written last; {@code records} counts the records checked in all chains; {@code undelivered}
     * counts records whose check was answered 503 (kept, but never an answer anyone received).
     */
    public record Verification(boolean valid, long records, Point anchor, Point head, Break firstBroken,
            List<Chain> chains, long undelivered, boolean resumed) {
    }

    /** Progress of a walk, every few thousand records. */
    public record Progress(long records, long seq) {
    }

    private final JdbcTemplate jdbc;
    private final AuditQueries queries;
    private final Clock clock;

    public AuditVerifier(JdbcTemplate jdbc, AuditQueries queries, Clock clock) {
        this.jdbc = jdbc;
        this.queries = queries;
        this.clock = clock;
    }

    /** Verifies every chain from its anchor. */
    public Verification verify() {
        return verify(false, p -> {
        });
    }

    /** A chain during the walk. */
    private static final class Walk {
        final String id;
        final String instance;
        Point anchor;
        final Point head;
        final Point from;
        final long fromRecordSeq;
        long expected;
        String previous;
        long checked;
        long lastRecordSeq;

        Walk(String id, String instance, Point anchor, Point head, Point checkpoint, long checkpointRecordSeq) {
            this.id = id;
            this.instance = instance;
            this.anchor = anchor;
            this.head = head;
            boolean resume = checkpoint != null && checkpoint.seq() >= anchor.seq() && checkpoint.seq() <= head.seq();
            this.from = resume ? checkpoint : anchor;
            this.fromRecordSeq = resume ? checkpointRecordSeq : 0;
            this.expected = from.seq() + 1;
            this.previous = from.hash();
            this.lastRecordSeq = fromRecordSeq;
        }

        boolean done() {
            return expected > head.seq();
        }

        Chain result() {
            return new Chain(id, instance, anchor, head, from, checked);
        }
    }

    /**
     * Verifies every chain, from its checkpoint when {@code resume} (records before it are not
     * rechecked) or else from its anchor, reporting progress as it goes.
     */
    public Verification verify(boolean resume, Consumer<Progress> progress) {
        Map<String, Walk> walks = new LinkedHashMap<>();
        jdbc.query("SELECT c.chain_id, c.instance, c.seq, c.hash, a.seq, a.hash, k.seq, k.record_seq, k.hash "
                + "FROM audit_chain c LEFT JOIN audit_chain_anchor a ON a.chain_id = c.chain_id "
                + "LEFT JOIN audit_checkpoint k ON k.chain_id = c.chain_id ORDER BY c.started_at, c.chain_id", rs -> {
                    Point anchor = rs.getString(6) == null ? new Point(0, Hashes.GENESIS)
                            : new Point(rs.getLong(5), rs.getString(6));
                    Point checkpoint = resume && rs.getString(9) != null ? new Point(rs.getLong(7), rs.getString(9))
                            : null;
                    String id = rs.getString(1);
                    walks.put(id, new Walk(id, rs.getString(2), anchor, new Point(rs.getLong(3), rs.getString(4)),
                            checkpoint, rs.getLong(8)));
                });
        Map<String, String> catalogueProblems = new HashMap<>();
        Map<String, Boolean> newChains = new HashMap<>();
        long after = walks.values().stream().filter(w -> !w.done()).mapToLong(w -> w.fromRecordSeq).min().orElse(0);
        long checked = 0;
        Break broken = null;
        Walk brokenWalk = null;
        walking: while (walks.values().stream().anyMatch(w -> !w.done())) {
            List<StoredRecord> page = jdbc.query("SELECT " + StoredRecord.COLUMNS
                    + " FROM audit_record WHERE seq > ? ORDER BY seq LIMIT " + PAGE, StoredRecord.ROW, after);
            for (StoredRecord r : page) {
                after = r.seq();
                Walk w = walks.get(r.chainId());
                if (w == null && newChains.computeIfAbsent(r.chainId(), this::chainExists)) {
                    continue; // a chain begun after the walk began
                }
                if (w == null) {
                    broken = new Break(r.chainSeq(), r.content().evaluationId(), "the record belongs to chain "
                            + r.chainId() + ", which has no head: the chain's head was deleted", r.chainId());
                    break walking;
                }
                if (r.chainSeq() < w.expected || r.chainSeq() > w.head.seq()) {
                    continue; // verified before the checkpoint, or appended after the walk began
                }
                if (r.chainSeq() > w.expected && w.checked == 0 && w.from == w.anchor) {
                    w.anchor = anchor(w.id); // a purge may have moved the start since the walk began
                    if (w.anchor.seq() == r.chainSeq() - 1) {
                        w.expected = r.chainSeq();
                        w.previous = w.anchor.hash();
                    }
                }
                String problem = check(r, w.expected, w.previous);
                String catalogue = r.content().citationsHash();
                if (problem == null && catalogue != null) {
                    problem = catalogueProblems.computeIfAbsent(catalogue, this::catalogueProblem);
                    problem = problem.isEmpty() ? null : problem;
                }
                if (problem != null) {
                    broken = new Break(r.chainSeq(), r.content().evaluationId(), problem, w.id);
                    brokenWalk = w;
                    break walking;
                }
                w.checked++;
                w.previous = r.hash();
                w.expected = r.chainSeq() + 1;
                w.lastRecordSeq = r.seq();
                if (++checked % 10_000 == 0) {
                    progress.accept(new Progress(checked, r.seq()));
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (broken == null) {
            for (Walk w : walks.values()) {
                if (w.head.seq() != w.expected - 1 || !w.head.hash().equals(w.previous)) {
                    broken = new Break(w.expected, null, "the head says the chain ends at record " + w.head.seq()
                            + " with hash " + w.head.hash() + ", but the last record is " + (w.expected - 1)
                            + " with hash " + w.previous + ": records at the end are missing or the head was altered",
                            w.id);
                    brokenWalk = w;
                    break;
                }
            }
        }
        progress.accept(new Progress(checked, after));
        List<Chain> chains = walks.values().stream().map(Walk::result).toList();
        Walk shown = brokenWalk != null ? brokenWalk
                : walks.values().stream().max((a, b) -> Long.compare(a.lastRecordSeq, b.lastRecordSeq)).orElse(null);
        Long undelivered = jdbc.queryForObject("SELECT COUNT(*) FROM audit_undelivered", Long.class);
        if (broken == null) {
            checkpoint(walks.values());
        }
        return new Verification(broken == null, checked, shown == null ? null : shown.anchor,
                shown == null ? null : shown.head, broken, chains, undelivered == null ? 0 : undelivered, resume);
    }

    private boolean chainExists(String chain) {
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM audit_chain WHERE chain_id = ?", Long.class, chain);
        return n != null && n > 0;
    }

    private Point anchor(String chain) {
        return jdbc.query("SELECT seq, hash FROM audit_chain_anchor WHERE chain_id = ?",
                (rs, n) -> new Point(rs.getLong(1), rs.getString(2)), chain).stream().findFirst()
                .orElse(new Point(0, Hashes.GENESIS));
    }

    /** Remembers how far each chain verified, for a verification that resumes. */
    private void checkpoint(Iterable<Walk> walks) {
        for (Walk w : walks) {
            if (w.checked == 0) {
                continue;
            }
            Object[] values = {w.expected - 1, w.lastRecordSeq, w.previous, clock.instant().atOffset(ZoneOffset.UTC),
                    w.id};
            if (jdbc.update("UPDATE audit_checkpoint SET seq = ?, record_seq = ?, hash = ?, verified_at = ? "
                    + "WHERE chain_id = ?", values) == 0) {
                try {
                    jdbc.update("INSERT INTO audit_checkpoint (seq, record_seq, hash, verified_at, chain_id) "
                            + "VALUES (?, ?, ?, ?, ?)", values);
                } catch (org.springframework.dao.DuplicateKeyException concurrent) {
                    // another verification wrote it meanwhile
                }
            }
        }
    }

    private static String check(StoredRecord r, long expectedSeq, String previous) {
        if (r.chainSeq() != expectedSeq) {
            return "record " + expectedSeq + (expectedSeq + 1 == r.chainSeq() ? " is" : " to " + (r.chainSeq() - 1) + " are")
                    + " missing: the chain jumps to record " + r.chainSeq();
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
        String link = Hashes.link(previous, r.chainSeq(), content);
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

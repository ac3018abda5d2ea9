package kz.qagida.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * Group commit: requests queue their records and wait; one writer thread takes everything queued
 * and appends it to its own chain in a single transaction, then releases the waiting requests. Under
 * load a commit carries many records, so durability costs one round trip per batch rather than per
 * check.
 * <p>
 * A check announces itself ({@link #expect()}) before it is evaluated. While announced checks have
 * not handed in their records, the writer lets a commit wait for them, up to the commit delay:
 * fewer, larger commits under load. The last of them to hand its record in wakes the writer, and a
 * lone check is never delayed.
 * <p>
 * Refused means not recorded: a check whose wait ends (503) before the writer took its record is
 * cancelled, its record never written; one whose record was being committed, or whose commit failed
 * with an unknown outcome, is marked undelivered in the next transaction if the record turns out to
 * be committed. The writer is {@linkplain #health() not ready} while a commit has been under way
 * longer than the commit timeout (then checks are refused at once rather than held), or since a
 * commit failed until the database answers again.
 * <p>
 * Metrics: {@code qagida_audit_queue} (records waiting for a commit), {@code qagida_audit_commit_seconds}
 * (each commit's time, by {@code outcome}) and {@code qagida_audit_refused_total} (checks refused with
 * 503 because their record could not be committed, by {@code reason}: {@code stalled}, {@code queue-full},
 * {@code timeout}, {@code failed}).
 */
public class AuditWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);
    private static final int QUEUED = 0;
    private static final int WRITING = 1;
    private static final int DONE = 2;
    private static final int FAILED = 3;
    private static final int CANCELLED = 4;
    private static final int ABANDONED = 5;
    /** Marks kept for the next commit at most (a long outage must not fill the heap with them). */
    private static final int MAX_MARKS = 100_000;
    private static final long PING_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private record Pending(NewRecord record, Commit commit) {
    }

    /** A queued record's commit: {@link #await()} returns once the record is committed. */
    final class Commit {

        private final CompletableFuture<Void> committed = new CompletableFuture<>();
        private final AtomicInteger state = new AtomicInteger(QUEUED);

        /**
         * @throws AuditUnavailableException if the record is not committed within the timeout, or the
         *         store fails
         */
        void await() {
            try {
                committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw refused("failed", failed(e.getCause()));
            } catch (TimeoutException e) {
                // the answer will not be given: the record must not be taken for one given
                if (state.compareAndSet(QUEUED, CANCELLED) || state.compareAndSet(WRITING, ABANDONED)) {
                    throw refused("timeout", new AuditUnavailableException("The evaluation could not be recorded within "
                            + timeout.toMillis() + " ms, so it is not answered; retry later.", e));
                }
                try {
                    committed.get(); // committed (or failed) just now
                } catch (ExecutionException failed) {
                    throw refused("failed", failed(failed.getCause()));
                } catch (InterruptedException interrupted) {
                    throw refused("failed", interrupted(interrupted));
                }
            } catch (InterruptedException e) {
                throw refused("failed", interrupted(e));
            }
        }

        private AuditUnavailableException interrupted(InterruptedException e) {
            Thread.currentThread().interrupt();
            state.compareAndSet(QUEUED, CANCELLED);
            state.compareAndSet(WRITING, ABANDONED);
            return new AuditUnavailableException("Interrupted while recording the evaluation.", e);
        }

        private static AuditUnavailableException failed(Throwable cause) {
            return new AuditUnavailableException("The evaluation could not be recorded (the audit store failed), "
                    + "so it is not answered; retry later.", cause);
        }
    }

    /** Whether checks can be recorded now, and if not, why. */
    public record Health(boolean ready, String reason) {
    }

    private final AuditAppender store;
    private final AuditAppender.Chain chain;
    private final int maxBatch;
    private final Duration timeout;
    private final long delayNanos;
    /** Checks announced and not yet queued: the records a commit may wait for. */
    private final AtomicInteger expected = new AtomicInteger();
    private final BlockingQueue<Pending> queue;
    /** Evaluations refused whose records may have been committed: marked undelivered with the next commit. */
    private final Set<UUID> undelivered = new LinkedHashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    /** {@link System#nanoTime()} when the commit under way started; 0 when none is. */
    private volatile long writingSince;
    /** Why the last commit failed; null once one succeeds or the database answers again. */
    private volatile String failure;
    private long lastPing;
    private final MeterRegistry meters;
    private final Timer committed;
    private final Timer failedCommits;

    /** A writer whose metrics go nowhere (tests). */
    public AuditWriter(AuditAppender store, AuditProperties properties) {
        this(store, properties, new SimpleMeterRegistry());
    }

    public AuditWriter(AuditAppender store, AuditProperties properties, MeterRegistry meters) {
        this.meters = meters;
        this.committed = commitTimer("ok");
        this.failedCommits = commitTimer("failed");
        for (String reason : List.of("stalled", "queue-full", "timeout", "failed")) {
            refusals(reason);
        }
        this.store = store;
        this.chain = new AuditAppender.Chain(properties.instance());
        this.maxBatch = properties.maxBatch();
        this.timeout = properties.commitTimeout();
        this.delayNanos = properties.commitDelay().toNanos();
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        Gauge.builder("qagida.audit.queue", queue, BlockingQueue::size)
                .description("Records waiting for the audit writer's next commit").register(meters);
        this.thread = new Thread(this::run, "audit-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Announces a check whose record will follow; close the slot when it will not.
     *
     * @throws AuditUnavailableException at once while a commit is stalled: the check would wait in vain
     */
    Slot expect() {
        long since = writingSince;
        if (since != 0 && System.nanoTime() - since > timeout.toNanos()) {
            throw refused("stalled", new AuditUnavailableException("The audit store has not completed a commit for "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since)
                    + " ms, so the evaluation cannot be recorded and is not answered; retry later.", null));
        }
        expected.incrementAndGet();
        return new Slot();
    }

    /** Ready while a commit in progress is younger than the commit timeout and the last one did not fail. */
    public Health health() {
        long since = writingSince;
        if (since != 0 && System.nanoTime() - since > timeout.toNanos()) {
            return new Health(false, "no commit for " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since)
                    + " ms while records wait (commit timeout " + timeout.toMillis() + " ms)");
        }
        String failed = failure;
        if (failed != null) {
            return new Health(false, "the last commit failed and the database has not answered since: " + failed);
        }
        if (!thread.isAlive()) {
            return new Health(false, "the audit writer has stopped");
        }
        return new Health(true, null);
    }

    /** The id of the chain this writer extends. */
    String chainId() {
        return chain.id;
    }

    /** A check's place in the group commit, from its announcement until its record is queued. */
    final class Slot implements AutoCloseable {

        private boolean open = true;

        /**
         * Queues the record, to be committed with whatever else is queued.
         *
         * @throws AuditUnavailableException if the queue is full or closed
         */
        Commit queue(NewRecord record) {
            Pending pending = new Pending(record, new Commit());
            boolean queued = running && queue.offer(pending);
            close();
            if (!queued) {
                throw refused("queue-full", new AuditUnavailableException("The evaluation could not be recorded "
                        + "(the audit queue is full or closed), so it is not answered; retry later.", null));
            }
            return pending.commit();
        }

        /** The check's record is queued, or will not come: the writer no longer waits for it. */
        @Override
        public void close() {
            if (open) {
                open = false;
                if (expected.decrementAndGet() == 0) {
                    LockSupport.unpark(thread);
                }
            }
        }
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    recover();
                    continue;
                }
                batch.add(first);
                long deadline = System.nanoTime() + delayNanos;
                long left = delayNanos;
                while (expected.get() > 0 && left > 0 && queue.size() < maxBatch - 1) {
                    LockSupport.parkNanos(this, left);
                    left = deadline - System.nanoTime();
                }
                queue.drainTo(batch, maxBatch - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } catch (RuntimeException | Error e) {
                log.error("The audit writer failed: {}", e.toString());
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        List<Pending> taken = batch.stream().filter(p -> p.commit().state.compareAndSet(QUEUED, WRITING)).toList();
        if (taken.isEmpty()) {
            return; // every check gave up waiting: nothing to record
        }
        List<UUID> marks = List.copyOf(undelivered);
        long started = System.nanoTime();
        writingSince = Math.max(started, 1);
        try {
            store.append(chain, taken.stream().map(Pending::record).toList(), marks);
            committed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            marks.forEach(undelivered::remove);
            failure = null;
            for (Pending p : taken) {
                if (p.commit().state.compareAndSet(WRITING, DONE)) {
                    p.commit().committed.complete(null);
                } else {
                    undelivered.add(p.record().content().evaluationId());
                }
            }
        } catch (RuntimeException | Error e) {
            failedCommits.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            log.warn("Could not record {} evaluation(s): {}", taken.size(), e.toString());
            failure = e.toString();
            lastPing = System.nanoTime();
            // unless no connection was had, the commit may have happened: mark them if it did
            boolean inDoubt = !(e instanceof CannotGetJdbcConnectionException);
            for (Pending p : taken) {
                if (inDoubt && p.record().content() != null && undelivered.size() < MAX_MARKS) {
                    undelivered.add(p.record().content().evaluationId());
                }
                p.commit().state.compareAndSet(WRITING, FAILED);
                p.commit().committed.completeExceptionally(e);
            }
        } finally {
            writingSince = 0;
        }
    }

    /** While idle: marks what is left to mark, and after a failure tells when the database answers again. */
    private void recover() {
        if ((failure == null && undelivered.isEmpty()) || System.nanoTime() - lastPing < PING_INTERVAL_NANOS) {
            return;
        }
        lastPing = System.nanoTime();
        List<UUID> marks = List.copyOf(undelivered);
        writingSince = Math.max(System.nanoTime(), 1);
        try {
            store.append(chain, List.of(), marks);
            marks.forEach(undelivered::remove);
            if (failure != null) {
                log.info("The audit store answers again");
            }
            failure = null;
        } catch (RuntimeException e) {
            failure = e.toString();
        } finally {
            writingSince = 0;
        }
    }

    private Timer commitTimer(String outcome) {
        return Timer.builder("qagida.audit.commit").description("Time of one audit commit (a group of records)")
                .tag("outcome", outcome).register(meters);
    }

    private Counter refusals(String reason) {
        return Counter.builder("qagida.audit.refused")
                .description("Checks refused with 503 because their record could not be committed")
                .tag("reason", reason).register(meters);
    }

    private AuditUnavailableException refused(String reason, AuditUnavailableException e) {
        refusals(reason).increment();
        return e;
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(timeout.toMillis());
    }
}

package kz.qagida.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests queue their records and wait; one writer thread takes everything queued
 * and appends it in a single transaction, then releases the waiting requests. Under load a commit
 * carries many records, so durability costs one round trip per batch rather than per check.
 * <p>
 * A check announces itself ({@link #expect()}) before it is evaluated. While announced checks have
 * not handed in their records, the writer lets a commit wait for them, up to the commit delay:
 * fewer, larger commits under load. The last of them to hand its record in wakes the writer, and a
 * lone check is never delayed.
 */
public class AuditWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private record Pending(NewRecord record, Commit commit) {
    }

    /** A queued record's commit: {@link #await()} returns once the record is committed. */
    final class Commit {

        private final CompletableFuture<Void> committed = new CompletableFuture<>();

        /**
         * @throws AuditUnavailableException if the record is not committed within the timeout, or the
         *         store fails
         */
        void await() {
            try {
                committed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AuditUnavailableException("The evaluation could not be recorded (the audit store failed), "
                        + "so it is not answered; retry later.", e.getCause());
            } catch (TimeoutException e) {
                throw new AuditUnavailableException("The evaluation could not be recorded within "
                        + timeout.toMillis() + " ms, so it is not answered; retry later.", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuditUnavailableException("Interrupted while recording the evaluation.", e);
            }
        }
    }

    private final AuditAppender store;
    private final int maxBatch;
    private final Duration timeout;
    private final long delayNanos;
    /** Checks announced and not yet queued: the records a commit may wait for. */
    private final AtomicInteger expected = new AtomicInteger();
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public AuditWriter(AuditAppender store, AuditProperties properties) {
        this.store = store;
        this.maxBatch = properties.maxBatch();
        this.timeout = properties.commitTimeout();
        this.delayNanos = properties.commitDelay().toNanos();
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        this.thread = new Thread(this::run, "audit-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Announces a check whose record will follow; close the slot when it will not. */
    Slot expect() {
        expected.incrementAndGet();
        return new Slot();
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
                throw new AuditUnavailableException("The evaluation could not be recorded (the audit queue is full "
                        + "or closed), so it is not answered; retry later.", null);
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
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try {
            store.append(batch.stream().map(Pending::record).toList());
            batch.forEach(p -> p.commit().committed.complete(null));
        } catch (RuntimeException | Error e) {
            log.warn("Could not record {} evaluation(s): {}", batch.size(), e.toString());
            batch.forEach(p -> p.commit().committed.completeExceptionally(e));
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(timeout.toMillis());
    }
}

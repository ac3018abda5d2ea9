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
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: requests queue their records and wait; one writer thread takes everything queued
 * and appends it in a single transaction, then releases the waiting requests. Under load a commit
 * carries many records, so durability costs one round trip per batch rather than per check. When
 * the previous commit carried more than one record (the service is under load), the writer lets
 * records gather for the commit delay first: fewer, larger commits, for a little latency. A lone
 * check is never delayed.
 */
public class AuditWriter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AuditWriter.class);

    private record Pending(NewRecord record, CompletableFuture<Void> committed) {
    }

    private final AuditStore store;
    private final int maxBatch;
    private final Duration timeout;
    private final long delayNanos;
    private int lastBatch;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public AuditWriter(AuditStore store, AuditProperties properties) {
        this.store = store;
        this.maxBatch = properties.maxBatch();
        this.timeout = properties.commitTimeout();
        this.delayNanos = properties.commitDelay().toNanos();
        this.queue = new LinkedBlockingQueue<>(properties.queueCapacity());
        this.thread = new Thread(this::run, "audit-writer");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Returns once the record is committed.
     *
     * @throws AuditUnavailableException if it is not committed within the timeout, the store fails, or
     *         the queue is full
     */
    void append(NewRecord record) {
        Pending pending = new Pending(record, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new AuditUnavailableException("The evaluation could not be recorded (the audit queue is full or "
                    + "closed), so it is not answered; retry later.", null);
        }
        try {
            pending.committed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AuditUnavailableException("The evaluation could not be recorded (the audit store failed), "
                    + "so it is not answered; retry later.", e.getCause());
        } catch (TimeoutException e) {
            throw new AuditUnavailableException("The evaluation could not be recorded within " + timeout.toMillis()
                    + " ms, so it is not answered; retry later.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AuditUnavailableException("Interrupted while recording the evaluation.", e);
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
                if (lastBatch > 1 && delayNanos > 0) {
                    LockSupport.parkNanos(delayNanos);
                }
                queue.drainTo(batch, maxBatch - 1);
                lastBatch = batch.size();
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
            batch.forEach(p -> p.committed().complete(null));
        } catch (RuntimeException | Error e) {
            log.warn("Could not record {} evaluation(s): {}", batch.size(), e.toString());
            batch.forEach(p -> p.committed().completeExceptionally(e));
        }
    }

    /** Writes what is queued, then stops. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(timeout.toMillis());
    }
}

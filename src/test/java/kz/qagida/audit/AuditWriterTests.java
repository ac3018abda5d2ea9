package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The group commit's waiting: a commit waits for the records of checks announced and under way, up
 * to the commit delay (here 10 s, so a wait that should not happen shows); never for nothing.
 */
class AuditWriterTests {

    /** A store that keeps the size of each batch it is given. */
    static final class Batches extends AuditAppender {
        final List<Integer> sizes = new CopyOnWriteArrayList<>();

        Batches() {
            super(null, null, null);
        }

        @Override
        void append(Chain chain, List<NewRecord> batch, List<java.util.UUID> undelivered) {
            if (!batch.isEmpty()) {
                sizes.add(batch.size());
            }
        }
    }

    final Batches store = new Batches();
    final AuditWriter writer = new AuditWriter(store,
            new AuditProperties(null, null, null, null, null, null, Duration.ofSeconds(10), null, null));

    static NewRecord record() {
        return new NewRecord(null, null, null, null, null, null);
    }

    @AfterEach
    void close() throws InterruptedException {
        writer.close();
    }

    @Test
    void aLoneCheckIsCommittedAtOnce() {
        long started = System.nanoTime();
        try (AuditWriter.Slot slot = writer.expect()) {
            slot.queue(record()).await();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(store.sizes).containsExactly(1);
    }

    @Test
    void aCommitWaitsForTheRecordOfACheckUnderWay() throws Exception {
        AuditWriter.Slot first = writer.expect();
        AuditWriter.Slot second = writer.expect();
        CompletableFuture<Void> firstCommitted = CompletableFuture.runAsync(() -> first.queue(record()).await());
        Thread.sleep(300); // the second check is still being evaluated
        second.queue(record()).await();
        firstCommitted.get(5, TimeUnit.SECONDS);
        assertThat(store.sizes).containsExactly(2);
    }

    @Test
    void aCheckThatEndsWithoutARecordReleasesTheCommit() throws Exception {
        AuditWriter.Slot first = writer.expect();
        AuditWriter.Slot failing = writer.expect();
        long started = System.nanoTime();
        CompletableFuture<Void> firstCommitted = CompletableFuture.runAsync(() -> first.queue(record()).await());
        Thread.sleep(300);
        failing.close(); // its evaluation failed: no record will come
        firstCommitted.get(5, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(store.sizes).containsExactly(1);
    }
}

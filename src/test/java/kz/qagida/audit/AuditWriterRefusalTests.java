package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Refused means not recorded, and the writer's health tells the truth: with a store whose commit can
 * be held (a stalled connection) or made to fail, a check refused 503 is never written if its record
 * was still queued, and is marked undelivered if its commit went through after all; readiness is
 * DOWN while a commit is stalled past the commit timeout (and checks are refused at once, not held)
 * or since a commit failed, and UP again when the store answers.
 */
class AuditWriterRefusalTests {

    /** A store whose appends can be held or fail; keeps what it was given. */
    static final class Store extends AuditAppender {
        final List<UUID> written = new CopyOnWriteArrayList<>();
        final List<UUID> marked = new CopyOnWriteArrayList<>();
        volatile CountDownLatch hold = new CountDownLatch(0);
        final AtomicBoolean fail = new AtomicBoolean();

        Store() {
            super(null, null, null);
        }

        @Override
        void append(Chain chain, List<NewRecord> batch, List<UUID> undelivered) {
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (fail.get()) {
                throw new IllegalStateException("the database is away");
            }
            batch.forEach(r -> written.add(r.content().evaluationId()));
            marked.addAll(undelivered);
        }
    }

    final Store store = new Store();
    final AuditWriter writer = new AuditWriter(store,
            new AuditProperties(null, null, null, null, null, Duration.ofMillis(300), Duration.ZERO, "test", null));

    static NewRecord record(UUID id) {
        return new NewRecord(new RecordContent(id, null, null, null, null, null, null, null, 0, null, null, null), null,
                null, null, null, null);
    }

    @AfterEach
    void close() throws InterruptedException {
        store.hold.countDown();
        writer.close();
    }

    @Test
    void aCheckRefusedWhileItsRecordWasBeingCommittedIsMarkedUndeliveredOnceTheCommitGoesThrough() throws Exception {
        store.hold = new CountDownLatch(1);
        UUID late = UUID.randomUUID();
        AuditWriter.Commit commit;
        try (AuditWriter.Slot slot = writer.expect()) {
            commit = slot.queue(record(late));
        }
        assertThatThrownBy(commit::await).isInstanceOf(AuditUnavailableException.class);
        store.hold.countDown(); // the stalled commit goes through after all
        await(() -> store.marked.contains(late));
        assertThat(store.written).containsExactly(late);
    }

    @Test
    void aCheckRefusedWhileItsRecordWasStillQueuedIsNeverWritten() throws Exception {
        store.hold = new CountDownLatch(1);
        UUID first = UUID.randomUUID();
        UUID queued = UUID.randomUUID();
        CompletableFuture<Void> firstWait;
        try (AuditWriter.Slot slot = writer.expect()) {
            AuditWriter.Commit c = slot.queue(record(first));
            firstWait = CompletableFuture.runAsync(() -> assertThatThrownBy(c::await)
                    .isInstanceOf(AuditUnavailableException.class));
        }
        Thread.sleep(100); // the writer holds the first record's commit
        AuditWriter.Commit second;
        try (AuditWriter.Slot slot = writer.expect()) {
            second = slot.queue(record(queued));
        }
        assertThatThrownBy(second::await).isInstanceOf(AuditUnavailableException.class);
        firstWait.get(5, TimeUnit.SECONDS);
        store.hold.countDown();
        await(() -> store.marked.contains(first));
        Thread.sleep(300);
        assertThat(store.written).containsExactly(first).doesNotContain(queued);
        assertThat(store.marked).doesNotContain(queued);
    }

    @Test
    void readinessIsDownWhileACommitIsStalledAndChecksAreRefusedAtOnceThenUpWhenItCompletes() throws Exception {
        assertThat(writer.health().ready()).isTrue();
        store.hold = new CountDownLatch(1);
        try (AuditWriter.Slot slot = writer.expect()) {
            slot.queue(record(UUID.randomUUID()));
        }
        await(() -> !writer.health().ready());
        assertThat(writer.health().reason()).contains("no commit for");
        long started = System.nanoTime();
        assertThatThrownBy(writer::expect).isInstanceOf(AuditUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(100));
        store.hold.countDown();
        await(() -> writer.health().ready());
    }

    @Test
    void readinessIsDownAfterAFailedCommitUntilTheStoreAnswersAgain() throws Exception {
        store.fail.set(true);
        try (AuditWriter.Slot slot = writer.expect()) {
            AuditWriter.Commit c = slot.queue(record(UUID.randomUUID()));
            assertThatThrownBy(c::await).isInstanceOf(AuditUnavailableException.class);
        }
        assertThat(writer.health().ready()).isFalse();
        assertThat(writer.health().reason()).contains("the database is away");
        Thread.sleep(1_000);
        assertThat(writer.health().ready()).as("still failing").isFalse();
        store.fail.set(false);
        await(() -> writer.health().ready());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}

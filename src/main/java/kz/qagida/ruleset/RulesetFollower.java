package kz.qagida.ruleset;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;

/**
 * Keeps this instance serving the store's active version. It learns of an activation from
 * PostgreSQL {@code LISTEN/NOTIFY} and, as a fallback (and on H2), by polling; it builds the new
 * rule base on its own thread, off the request path, and swaps it in atomically. When it cannot
 * serve the active version (it does not build here) it keeps the old one and says why.
 */
public class RulesetFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RulesetFollower.class);

    /** Where this instance stands, for {@code GET /api/v1/ruleset} and readiness. */
    public record State(String instance, String serving, String active, Instant divergedSince, String reason) {
    }

    private final RulesetStore store;
    private final StoredRuleBases bases;
    private final ActiveRuleBase active;
    private final DataSource dataSource;
    private final Duration poll;
    private final Duration retry;
    private final String instance;
    private final Clock clock;
    private final Object wake = new Object();
    private volatile boolean running;
    private volatile String activeVersion;
    private volatile Instant divergedSince;
    private volatile String reason;
    private String failedVersion;
    private Instant failedAt;
    private Connection listening;
    private volatile Thread thread;

    public RulesetFollower(RulesetStore store, StoredRuleBases bases, ActiveRuleBase active, DataSource dataSource,
            Duration poll, String instance, Clock clock) {
        this.store = store;
        this.bases = bases;
        this.active = active;
        this.dataSource = dataSource;
        this.poll = poll;
        this.retry = Duration.ofSeconds(30);
        this.instance = instance;
        this.clock = clock;
    }

    public void start() {
        running = true;
        thread = new Thread(this::loop, "ruleset-follower");
        thread.setDaemon(true);
        thread.start();
        log.info("Instance {} follows the store's active ruleset ({}, polling every {} ms)", instance,
                store.isPostgres() ? "LISTEN " + RulesetStore.CHANNEL : "H2", poll.toMillis());
    }

    private void loop() {
        while (running) {
            try {
                sync();
            } catch (RuntimeException e) {
                reason = "cannot read the active version from the store: " + e.getMessage();
                log.warn("Ruleset follower: {}", reason);
            }
            await();
        }
        closeListener();
    }

    /** Serves the store's active version if this instance does not yet; one pass. */
    public void sync() {
        Optional<RulesetStore.Active> stored = store.active();
        if (stored.isEmpty()) {
            return;
        }
        String version = stored.get().version();
        activeVersion = version;
        if (version.equals(active.get().version())) {
            divergedSince = null;
            reason = null;
            return;
        }
        if (divergedSince == null) {
            divergedSince = clock.instant();
        }
        if (version.equals(failedVersion) && failedAt.plus(retry).isAfter(clock.instant())) {
            return;
        }
        try {
            Optional<RuleBase> base = bases.find(version);
            if (base.isEmpty()) {
                throw new IllegalStateException("the active version " + version + " is not stored");
            }
            synchronized (active) {
                // a publish on this instance may have swapped a newer version in meanwhile
                if (store.active().map(RulesetStore.Active::version).orElse("").equals(version)) {
                    active.activate(base.get());
                    log.info("Instance {} now serves ruleset {}", instance, version);
                }
            }
            failedVersion = null;
        } catch (RuntimeException e) {
            failedVersion = version;
            failedAt = clock.instant();
            reason = "cannot build the active ruleset " + version + ": " + e.getMessage();
            log.error("Instance {} keeps serving {}: {}", instance, active.get().version(), reason);
        }
    }

    private void await() {
        if (store.isPostgres()) {
            try {
                if (listening == null) {
                    listening = dataSource.getConnection();
                    listening.setAutoCommit(true);
                    try (Statement s = listening.createStatement()) {
                        s.execute("LISTEN " + RulesetStore.CHANNEL);
                    }
                    sync(); // an activation between the last poll and LISTEN
                }
                PGNotification[] notes = listening.unwrap(PGConnection.class).getNotifications((int) poll.toMillis());
                if (notes != null && notes.length > 0) {
                    log.debug("Notified of ruleset {}", notes[notes.length - 1].getParameter());
                }
                return;
            } catch (SQLException | RuntimeException e) {
                log.warn("Ruleset follower: LISTEN failed ({}); polling", e.toString());
                closeListener();
            }
        }
        synchronized (wake) {
            try {
                wake.wait(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void closeListener() {
        if (listening != null) {
            try {
                listening.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
            listening = null;
        }
    }

    /** Where this instance stands; before the first rule base is in service, {@code serving} is null. */
    public State state() {
        return new State(instance, thread == null ? null : active.get().version(), activeVersion, divergedSince, reason);
    }

    /** The store's active version, read now (falls back to the last one seen when the store does not answer). */
    public String activeVersion() {
        try {
            return store.active().map(RulesetStore.Active::version).orElse(activeVersion);
        } catch (RuntimeException e) {
            return activeVersion;
        }
    }

    public String instance() {
        return instance;
    }

    @Override
    public void close() {
        running = false;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (thread != null) {
            thread.interrupt();
        }
    }
}

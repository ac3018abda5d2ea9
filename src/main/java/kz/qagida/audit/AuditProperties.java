package kz.qagida.audit;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code qagida.audit.*}: whether checks are recorded, how long records are kept ({@code retention},
 * empty = for ever) and how often the purge runs, the group commit's limits and delay (how long a
 * commit may wait for the records of checks under way), the name this instance gives its chain
 * ({@code instance}, default the host name), and the database timeouts applied to a PostgreSQL
 * connection pool ({@code database.*}).
 */
@ConfigurationProperties("qagida.audit")
public record AuditProperties(Boolean enabled, Duration retention, Duration purgeInterval, Integer maxBatch,
        Integer queueCapacity, Duration commitTimeout, Duration commitDelay, String instance, Database database) {

    /**
     * PostgreSQL's {@code socketTimeout} and {@code connectTimeout}, and the server's
     * {@code statement_timeout}, {@code lock_timeout} and {@code idle_in_transaction_session_timeout}
     * for the audit's sessions.
     */
    public record Database(Duration socketTimeout, Duration connectTimeout, Duration statementTimeout,
            Duration lockTimeout, Duration idleInTransactionTimeout) {

        public Database {
            socketTimeout = socketTimeout == null ? Duration.ofSeconds(15) : socketTimeout;
            connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
            statementTimeout = statementTimeout == null ? Duration.ofSeconds(10) : statementTimeout;
            lockTimeout = lockTimeout == null ? Duration.ofSeconds(2) : lockTimeout;
            idleInTransactionTimeout = idleInTransactionTimeout == null ? Duration.ofSeconds(10)
                    : idleInTransactionTimeout;
        }
    }

    public AuditProperties {
        enabled = enabled == null || enabled;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        maxBatch = maxBatch == null ? 500 : maxBatch;
        queueCapacity = queueCapacity == null ? 20_000 : queueCapacity;
        commitTimeout = commitTimeout == null ? Duration.ofSeconds(10) : commitTimeout;
        commitDelay = commitDelay == null ? Duration.ofMillis(5) : commitDelay;
        instance = instance == null || instance.isBlank() ? hostName() : instance;
        database = database == null ? new Database(null, null, null, null, null) : database;
    }

    public static AuditProperties defaults() {
        return new AuditProperties(null, null, null, null, null, null, null, null, null);
    }

    private static String hostName() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }
}

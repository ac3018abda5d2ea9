package kz.qagida.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Timeouts everywhere between the service and PostgreSQL, so that a database that stalls, or a
 * connection that does, costs a bounded wait: the driver's {@code connectTimeout} and
 * {@code socketTimeout} (no read waits longer), TCP keep-alive, and for every session of the pool the
 * server's {@code statement_timeout}, {@code lock_timeout} and
 * {@code idle_in_transaction_session_timeout} (a session that stalls inside a transaction is ended by
 * the server, releasing what it holds). Settings given in the URL or in
 * {@code spring.datasource.hikari.data-source-properties} win. H2 (in the process) needs none.
 */
final class DatabaseTimeouts {

    private static final Logger log = LoggerFactory.getLogger(DatabaseTimeouts.class);

    private DatabaseTimeouts() {
    }

    static void apply(HikariDataSource pool, AuditProperties.Database timeouts) {
        String url = pool.getJdbcUrl();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return;
        }
        var given = pool.getDataSourceProperties();
        given.putIfAbsent("connectTimeout", Long.toString(Math.max(1, timeouts.connectTimeout().toSeconds())));
        // the whole connection set-up, handshake included, which a stalled server would otherwise hold
        given.putIfAbsent("loginTimeout", Long.toString(Math.max(1, 2 * timeouts.connectTimeout().toSeconds())));
        given.putIfAbsent("socketTimeout", Long.toString(Math.max(1, timeouts.socketTimeout().toSeconds())));
        given.putIfAbsent("tcpKeepAlive", "true");
        given.putIfAbsent("options", "-c statement_timeout=" + timeouts.statementTimeout().toMillis()
                + " -c lock_timeout=" + timeouts.lockTimeout().toMillis()
                + " -c idle_in_transaction_session_timeout=" + timeouts.idleInTransactionTimeout().toMillis());
        log.debug("PostgreSQL timeouts: {}", given);
    }
}

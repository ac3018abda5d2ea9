package kz.qagida.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A migrated audit database for a test: an in-memory H2, or a fresh schema of its own in the
 * PostgreSQL on 127.0.0.1:5432 (database {@code test}, user {@code postgres}), dropped on close.
 * An unreachable PostgreSQL skips the test, except under CI ({@code CI=true}) where it fails.
 */
final class TestDatabase implements AutoCloseable {

    static final String PG_SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String PG_USER = "postgres";

    final String url;
    final String user;
    final String schema;
    final DataSource dataSource;

    private TestDatabase(String url, String user, String schema) {
        this.url = url;
        this.user = user;
        this.schema = schema;
        this.dataSource = new DriverManagerDataSource(url, user, "");
    }

    static TestDatabase h2() {
        TestDatabase db = new TestDatabase("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", null);
        db.migrate("h2");
        return db;
    }

    /**
     * A new database of the same kind, migrated up to the last version before a chain per writer (V6),
     * with one chain and its single head; {@link #migrate()} goes on.
     */
    TestDatabase migratedBeforeChains() {
        TestDatabase db = schema == null
                ? new TestDatabase("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", null)
                : postgresEmpty();
        db.migrate(vendor(), schema == null ? "3" : "4");
        return db;
    }

    /** Applies the migrations not applied yet. */
    void migrate() {
        migrate(vendor(), null);
    }

    private String vendor() {
        return schema == null ? "h2" : "postgresql";
    }

    /** A new, migrated schema {@code qagida_test_…} in the PostgreSQL test server. */
    static TestDatabase postgres() {
        TestDatabase db = postgresEmpty();
        db.migrate("postgresql");
        return db;
    }

    /** A new, empty schema: the services under test migrate it themselves. */
    static TestDatabase postgresEmpty() {
        requirePostgres();
        String schema = "qagida_test_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE SCHEMA " + schema);
        return new TestDatabase(PG_SERVER + "?currentSchema=" + schema, PG_USER, schema);
    }

    /** Skips (or, under CI, fails) when the PostgreSQL test server does not answer. */
    static void requirePostgres() {
        DriverManager.setLoginTimeout(3);
        try (Connection c = DriverManager.getConnection(PG_SERVER, PG_USER, "")) {
            c.isValid(3);
        } catch (SQLException e) {
            String message = "PostgreSQL is not reachable at " + PG_SERVER + " (" + e.getMessage() + ")";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(message + "; under CI the PostgreSQL tests must run");
            }
            Assumptions.abort(message);
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(PG_SERVER, PG_USER, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private void migrate(String vendor) {
        migrate(vendor, null);
    }

    private void migrate(String vendor, String target) {
        var config = Flyway.configure().dataSource(dataSource).locations("classpath:db/migration/" + vendor);
        if (target != null) {
            config.target(target);
        }
        if (schema != null) {
            config.schemas(schema).defaultSchema(schema);
        }
        config.load().migrate();
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    AuditAppender appender() {
        return new AuditAppender(jdbc(), new DataSourceTransactionManager(dataSource), Clock.systemUTC());
    }

    AuditQueries queries() {
        return new AuditQueries(jdbc());
    }

    AuditVerifier verifier() {
        return new AuditVerifier(jdbc(), queries(), Clock.systemUTC());
    }

    AuditRetention retention(Clock clock) {
        return new AuditRetention(jdbc(), new DataSourceTransactionManager(dataSource), AuditProperties.defaults(),
                clock);
    }

    @Override
    public void close() {
        if (schema != null) {
            execute("DROP SCHEMA " + schema + " CASCADE");
        } else {
            jdbc().execute("SHUTDOWN");
        }
    }
}

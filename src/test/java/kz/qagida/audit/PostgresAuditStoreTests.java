package kz.qagida.audit;

/**
 * The audit store on the PostgreSQL server at 127.0.0.1:5432, in a schema of its own that is dropped
 * afterwards. Skipped when the server is not reachable, except under CI where that fails the build.
 */
class PostgresAuditStoreTests extends AuditStoreContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}

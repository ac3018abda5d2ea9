package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The audit store on the PostgreSQL server at 127.0.0.1:5432, in a schema of its own that is dropped
 * afterwards. Skipped when the server is not reachable, except under CI where that fails the build.
 */
class PostgresAuditStoreTests extends AuditStoreContract {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    /** Migrations V2 to V4: a record is one tuple in its page, nothing of it in TOAST (extra tuples and index entries). */
    @Test
    void aRecordStaysInItsRowWithNothingMovedToToast() {
        for (int i = 0; i < 3; i++) {
            check(OVERSTAYING_GERMAN);
            check(AMERICAN);
        }
        assertThat(queries.count()).isEqualTo(6);
        Long toast = db.jdbc().queryForObject("SELECT pg_relation_size(reltoastrelid) FROM pg_class "
                + "WHERE oid = 'audit_record'::regclass", Long.class);
        assertThat(toast).isZero();
        assertThat(verifier.verify().valid()).isTrue();
    }
}

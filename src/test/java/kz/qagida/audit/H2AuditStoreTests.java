package kz.qagida.audit;

/** The audit store on the embedded H2 database, the default. */
class H2AuditStoreTests extends AuditStoreContract {

    @Override
    TestDatabase database() {
        return TestDatabase.h2();
    }
}

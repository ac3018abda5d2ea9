package kz.qagida.system;

/** The API keys of src/test/resources/config/application.yml, one per role and one with all roles. */
public final class TestKeys {

    public static final String HEADER = "X-API-Key";
    public static final String CHECKER = "checker-secret-0001";
    public static final String ANALYST = "analyst-secret-0001";
    public static final String AUDITOR = "auditor-secret-0001";
    public static final String ALL = "ops-secret-000000001";

    private TestKeys() {
    }
}

package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.yaml.snakeyaml.Yaml;

import kz.qagida.QagidaApplication;

/**
 * The start is refused, with a message saying what to do, on a configuration that would lose or expose
 * the audit: H2 or no API key under the production profile, a placeholder key (such as the samples in
 * k8s/qagida.yaml) under any profile.
 */
class ProductionProfileTests {

    /** The production profile on the test PostgreSQL, with one more argument. */
    private static String[] prodOnPostgres(String more) {
        return new String[] {"--spring.profiles.active=prod", "--server.port=0", "--management.server.port=0",
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", more};
    }

    private static StartRefusedException refusal(String... args) {
        Throwable thrown = null;
        try {
            new SpringApplicationBuilder(QagidaApplication.class).run(args).close();
        } catch (Throwable t) {
            thrown = t;
        }
        for (Throwable c = thrown; c != null; c = c.getCause()) {
            if (c instanceof StartRefusedException e) {
                return e;
            }
        }
        throw new AssertionError("the start was not refused", thrown);
    }

    @Test
    void theProductionProfileRefusesH2() {
        StartRefusedException e = refusal("--spring.profiles.active=prod", "--server.port=0",
                "--management.server.port=0");
        assertThat(e.getMessage()).contains("needs PostgreSQL", "jdbc:h2:file:./data/qagida");
        FailureAnalysis analysis = new StartRefusedFailureAnalyzer().analyze(e);
        assertThat(analysis.getDescription()).isEqualTo(e.getMessage());
        assertThat(analysis.getAction()).contains("SPRING_DATASOURCE_URL");
    }

    @Test
    void theProductionProfileRefusesAStartWithoutConfiguredKeys() {
        StartRefusedException e = refusal(prodOnPostgres("--qagida.security.api-keys="));
        assertThat(e.getMessage()).contains("needs API keys");
        assertThat(e.action()).contains("QAGIDA_API_KEYS");
    }

    @Test
    void theProductionProfileRefusesThePlaceholderDatabasePassword() {
        StartRefusedException e = refusal(prodOnPostgres("--spring.datasource.password=CHANGE-ME-database-password"));
        assertThat(e.getMessage()).contains("password", "placeholder");
    }

    @Test
    void aPlaceholderKeyIsRefusedUnderAnyProfile() {
        StartRefusedException e = refusal("--server.port=0",
                "--qagida.security.api-keys=hr-system:CHANGE-ME-checker-secret:checker");
        assertThat(e.getMessage()).contains("hr-system", "placeholder", "CHANGE-ME");
        assertThat(e.action()).contains("openssl rand");
    }

    @Test
    void everySampleKeyOfTheManifestIsRefused() throws Exception {
        String keys = null;
        for (Object doc : new Yaml().loadAll(Files.readString(Path.of("k8s/qagida.yaml")))) {
            if (doc instanceof Map<?, ?> m && "Secret".equals(m.get("kind"))
                    && m.get("stringData") instanceof Map<?, ?> data && data.get("QAGIDA_API_KEYS") != null) {
                keys = (String) data.get("QAGIDA_API_KEYS");
            }
        }
        assertThat(keys).as("the manifest's sample keys").isNotNull();
        List<String> entries = List.of(keys.split(";"));
        assertThat(entries).hasSizeGreaterThanOrEqualTo(3).allSatisfy(entry -> assertThatThrownBy(
                () -> ApiKeys.parse(entry, "QAGIDA_API_KEYS")).isInstanceOf(StartRefusedException.class));
        // a real secret of the same shape passes
        assertThat(ApiKeys.parse("hr-system:Zq8v1XrT0pYw3nLk5sJd:checker", "test")).hasSize(1);
    }
}

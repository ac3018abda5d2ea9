package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import kz.qagida.QagidaApplication;

/** A first start without any key makes one with every role, in a file only its owner can read. */
class GeneratedKeyTests {

    @TempDir
    Path dir;

    @Test
    void aFirstStartWithoutKeysWritesAnOwnerOnlyKeyFileThatOpensTheApi() throws Exception {
        Path file = dir.resolve("data/generated-api-key");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(QagidaApplication.class)
                .run("--server.port=0", "--qagida.security.api-keys=", "--qagida.security.generated-key-file=" + file)) {
            assertThat(file).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            List<String> entries = Files.readAllLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            assertThat(entries).hasSize(1);
            String[] parts = entries.get(0).split(":");
            assertThat(parts[0]).isEqualTo("admin");
            assertThat(parts[1]).hasSizeGreaterThanOrEqualTo(32);
            assertThat(parts[2]).isEqualTo("checker,analyst,auditor");
            assertThat(context.getBean(ApiKeys.class).size()).isEqualTo(1);

            String port = context.getEnvironment().getProperty("local.server.port");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> check = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/checks"))
                    .header("Content-Type", "application/json").header("X-API-Key", parts[1])
                    .POST(HttpRequest.BodyPublishers.ofString("{\"person\":{\"citizenship\":\"DE\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(check.statusCode()).isEqualTo(200);
            HttpResponse<String> without = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ruleset"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(without.statusCode()).isEqualTo(401);
        }
    }

    @Test
    void configuredKeysAreKeptOnlyAsHashesAndBadEntriesAreRefused() {
        List<ApiKeys.Key> keys = ApiKeys.parse("a:0123456789abcdef:checker\n# comment\n\nb:fedcba9876543210:analyst,auditor", "test");
        assertThat(keys).extracting(ApiKeys.Key::name).containsExactly("a", "b");
        assertThat(keys.get(0).hash()).hasSize(32).isEqualTo(ApiKeys.sha256("0123456789abcdef"));
        assertThat(keys.get(1).roles()).containsExactlyInAnyOrder("analyst", "auditor");
        ApiKeys store = new ApiKeys(keys);
        assertThat(store.match("fedcba9876543210").name()).isEqualTo("b");
        assertThat(store.match("fedcba987654321")).isNull();
        assertThat(store.match(null)).isNull();
        for (String bad : new String[] {"a:short:checker", "a:0123456789abcdef:admin", "a:0123456789abcdef", ":0123456789abcdef:checker"}) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ApiKeys.parse(bad, "test"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("test entry 1");
        }
    }
}

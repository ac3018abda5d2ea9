package kz.qagida.audit;

import kz.qagida.system.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code kill -9} during a burst of checks: after a restart on the same H2 file every check that was
 * answered 200 has its record, and the chain verifies. The service runs in an empty working directory
 * with its default configuration, so this is the database {@code ./mvnw spring-boot:run} creates.
 */
class AuditCrashTests {

    @TempDir
    Path dir;

    @Test
    void everyCheckAnsweredBeforeAKillMinusNineIsRecordedAndTheChainVerifies() throws Exception {
        Burst burst;
        try (ServiceProcess service = ServiceProcess.start("crash", dir, Map.of())) {
            service.awaitUp(Duration.ofSeconds(120));
            burst = new Burst().start(List.of(service.uri("/api/v1/checks")), 8, Integer.MAX_VALUE);
            burst.awaitAnswers(300, Duration.ofSeconds(60));
            service.kill();
            burst.stop();
        }
        Set<UUID> answered = burst.answered;
        assertThat(answered).as("checks answered before the kill").hasSizeGreaterThanOrEqualTo(300);

        try (ServiceProcess restarted = ServiceProcess.start("crash-restart", dir, Map.of())) {
            restarted.awaitUp(Duration.ofSeconds(120));
            HttpClient http = HttpClient.newHttpClient();
            JsonMapper json = JsonMapper.builder().build();
            List<UUID> missing = new ArrayList<>();
            for (UUID id : answered) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(restarted.uri("/api/v1/evaluations/" + id)).header(TestKeys.HEADER, TestKeys.ALL)
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() != 200) {
                    missing.add(id);
                }
            }
            assertThat(missing).as("answered 200 but not recorded").isEmpty();
            JsonNode verify = json.readTree(http.send(HttpRequest.newBuilder(restarted.uri("/api/v1/audit/verify")).header(TestKeys.HEADER, TestKeys.ALL)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(verify.get("valid").asBoolean()).as(verify.toString()).isTrue();
            assertThat(verify.get("records").asLong()).isGreaterThanOrEqualTo(answered.size());
        }
    }
}

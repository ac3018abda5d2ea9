package kz.qagida.audit;

import kz.qagida.system.TestKeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit endpoints over HTTP, with the service on an in-memory H2 database. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.datasource.url=jdbc:h2:mem:audit-http;DB_CLOSE_DELAY=-1")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class AuditHttpTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    final HttpClient http = HttpClient.newHttpClient();
    final JsonMapper json = JsonMapper.builder().build();

    HttpResponse<String> send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header(TestKeys.HEADER, TestKeys.ALL)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    JsonNode ok(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = send(method, path, body);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    @Test
    @Order(1)
    void aRecordedCheckIsFoundByIdAndRuleIdAndReplaysToTheSameAnswer() throws Exception {
        String id = ok("POST", "/api/v1/checks", AuditStoreContract.OVERSTAYING_GERMAN).get("evaluationId").asString();

        JsonNode record = ok("GET", "/api/v1/evaluations/" + id, null);
        assertThat(record.get("response").get("evaluationId").asString()).isEqualTo(id);
        assertThat(record.get("caller").asString()).isEqualTo("ops");
        assertThat(record.get("firedRules").findValuesAsString("name")).contains("ST-1 Overstay");

        JsonNode found = ok("GET", "/api/v1/evaluations?ruleId=ST-1&conclusion=OVERSTAY&status=VIOLATION"
                + "&citizenship=DE&asOfFrom=2024-04-01&size=5", null);
        assertThat(found.get("items").findValuesAsString("evaluationId")).contains(id);
        assertThat(ok("GET", "/api/v1/evaluations?conclusion=NO_SUCH_CODE", null).get("total").asLong()).isZero();
        assertThat(ok("GET", "/api/v1/evaluations?ruleId=ST-1%20Overstay", null).get("items")
                .findValuesAsString("evaluationId")).contains(id);

        JsonNode firings = ok("GET", "/api/v1/rules/ST-1/firings", null);
        assertThat(firings.get("evaluations").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(firings.get("recent").get("items").findValuesAsString("evaluationId")).contains(id);

        JsonNode replay = ok("POST", "/api/v1/evaluations/" + id + "/replay?ruleset=original", null);
        assertThat(replay.get("identical").asBoolean()).isTrue();
        assertThat(replay.get("recorded").get("status").asString()).isEqualTo("VIOLATION");
        assertThat(send("GET", "/api/v1/evaluations/00000000-0000-0000-0000-000000000000", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    @Order(2)
    void verifyNamesTheRecordThatWasEditedByHand() throws Exception {
        ok("POST", "/api/v1/checks", AuditStoreContract.AMERICAN);
        String id = ok("POST", "/api/v1/checks", AuditStoreContract.LAWFUL_GERMAN).get("evaluationId").asString();
        ok("POST", "/api/v1/checks", AuditStoreContract.AMERICAN);
        assertThat(ok("GET", "/api/v1/audit/verify", null).get("valid").asBoolean()).isTrue();

        String original = jdbc.queryForObject("SELECT response_json FROM audit_record WHERE evaluation_id = ?",
                String.class, java.util.UUID.fromString(id));
        jdbc.update("UPDATE audit_record SET response_json = ? WHERE evaluation_id = ?",
                original.replace("COMPLIANT", "VIOLATION"), java.util.UUID.fromString(id));
        JsonNode broken = ok("GET", "/api/v1/audit/verify", null);
        assertThat(broken.get("valid").asBoolean()).isFalse();
        assertThat(broken.get("firstBroken").get("evaluationId").asString()).isEqualTo(id);

        jdbc.update("UPDATE audit_record SET response_json = ? WHERE evaluation_id = ?", original,
                java.util.UUID.fromString(id));
        assertThat(ok("GET", "/api/v1/audit/verify", null).get("valid").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void theRecordHoldsTheRequestBodyAsSent() throws Exception {
        // white space, field order and Kazakh text as the caller wrote them, not as Jackson would write them
        String body = "{ \"person\" : {\"citizenship\":\"DE\",  \"birthDate\":\"1990-01-01\"},\n"
                + "  \"asOf\":\"2024-03-10\",\"stays\":[{\"entry\":\"2024-03-01\",\"exit\":null,\"basis\":\"VISA_FREE\"}],"
                + "\"residencePermit\":{\"issued\":\"2024-03-02\",\"validUntil\":\"2025-03-01\",\"purpose\":\"жұмыс\"} }";
        String id = ok("POST", "/api/v1/checks", body).get("evaluationId").asString();
        assertThat(storedRequest(id)).isEqualTo(body);

        // a body in UTF-16 is read, and recorded as the parsed request written again in UTF-8 JSON
        HttpResponse<String> utf16 = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/checks"))
                .header(TestKeys.HEADER, TestKeys.ALL).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, java.nio.charset.StandardCharsets.UTF_16LE)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(utf16.statusCode()).as(utf16.body()).isEqualTo(200);
        String recorded = storedRequest(json.readTree(utf16.body()).get("evaluationId").asString());
        assertThat(recorded).isNotEqualTo(body).contains("\"жұмыс\"");
        assertThat(json.readTree(recorded).get("person").get("citizenship").asString()).isEqualTo("DE");
        assertThat(ok("GET", "/api/v1/audit/verify", null).get("valid").asBoolean()).isTrue();
    }

    private String storedRequest(String id) {
        return jdbc.queryForObject("SELECT request_json FROM audit_record WHERE evaluation_id = ?", String.class,
                java.util.UUID.fromString(id));
    }

    @Test
    @Order(4)
    void verificationStreamsItsOutcomeAsJsonLinesAndResumesFromItsCheckpoint() throws Exception {
        ok("POST", "/api/v1/checks", AuditStoreContract.AMERICAN);
        JsonNode full = ok("GET", "/api/v1/audit/verify", null);
        assertThat(full.get("chains").size()).isGreaterThanOrEqualTo(1);
        ok("POST", "/api/v1/checks", AuditStoreContract.AMERICAN);
        HttpResponse<String> stream = send("GET", "/api/v1/audit/verify/stream?resume=true", null);
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("ndjson"));
        java.util.List<String> lines = stream.body().lines().toList();
        JsonNode last = json.readTree(lines.get(lines.size() - 1));
        assertThat(last.get("resumed").asBoolean()).isTrue();
        assertThat(last.get("records").asLong()).as("only the record since the checkpoint").isEqualTo(1);
    }

    @Test
    @Order(5)
    void aCheckThatCannotBeRecordedIsRefusedWith503ProblemDetailsAndReadinessIsDownUntilItCanBe() throws Exception {
        jdbc.execute("ALTER TABLE audit_record RENAME TO audit_record_gone"); // the store refuses every append
        HttpResponse<String> r = send("POST", "/api/v1/checks", AuditStoreContract.AMERICAN);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        JsonNode problem = json.readTree(r.body());
        assertThat(problem.get("type").asString()).isEqualTo("/problems/audit-unavailable");
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(r.body()).doesNotContain("evaluationId");

        HttpResponse<String> readiness = send("GET", "/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(503);
        assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        long started = System.nanoTime();
        HttpResponse<String> health = send("GET", "/actuator/health", null);
        assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(java.time.Duration.ofSeconds(1));
        assertThat(health.statusCode()).isEqualTo(503);

        jdbc.execute("ALTER TABLE audit_record_gone RENAME TO audit_record"); // the store is back
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (send("GET", "/actuator/health/readiness", null).statusCode() != 200) {
            assertThat(System.nanoTime()).as("ready again in time").isLessThan(deadline);
            Thread.sleep(100);
        }
        ok("POST", "/api/v1/checks", AuditStoreContract.AMERICAN);
    }
}

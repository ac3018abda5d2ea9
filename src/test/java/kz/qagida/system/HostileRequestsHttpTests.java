package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an attacker or a careless client sends, over HTTP against one service: overlapping stays (400),
 * valid checks too large to answer (422, nothing recorded), a body that trickles (cut) or comes without
 * a key (never read), paths the firewall rejects and {@code /error} (problem details), the ruleset history
 * for a plain checker (403), metrics naming the working directory, and a candidate ruleset that never
 * ends (refused by the confined gate while checks keep being answered).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = {
        "qagida.checks.max-firings=2000", "qagida.checks.max-answer-size=120KB", "qagida.body-read-timeout=2s",
        "qagida.gate.cpu-time=20s", "qagida.gate.wall-clock=180s", "qagida.gate.max-heap=192MB",
        "qagida.rules.watch.enabled=false"})
class HostileRequestsHttpTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CONTRACT_STAY = "{\"entry\":\"2024-01-05\",\"exit\":\"2024-01-20\",\"basis\":\"VISA_FREE\",\"transport\":\"AIR\"}";

    @LocalServerPort
    int port;

    private HttpResponse<String> send(String method, String path, String key, String type, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            b.header(TestKeys.HEADER, key);
        }
        if (type != null) {
            b.header("Content-Type", type);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> check(String json) throws Exception {
        return send("POST", "/api/v1/checks", TestKeys.CHECKER, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static String person(String citizenship, String rest) {
        return "{\"asOf\":\"2024-03-20\",\"person\":{\"citizenship\":\"" + citizenship + "\"}" + rest + "}";
    }

    /** {@code n} stays of a day each, two days apart (touching stays are joined): valid, and as large as a request may be. */
    private static String chained(String citizenship, int n) {
        List<String> stays = new ArrayList<>();
        LocalDate d = LocalDate.of(2021, 1, 1);
        for (int i = 0; i < n; i++, d = d.plusDays(3)) {
            stays.add("{\"entry\":\"" + d + "\",\"exit\":\"" + d.plusDays(1) + "\",\"basis\":\"VISA_FREE\"}");
        }
        return "{\"asOf\":\"" + d.plusDays(3) + "\",\"person\":{\"citizenship\":\"" + citizenship + "\"},\"stays\":["
                + String.join(",", stays) + "]}";
    }

    private static JsonNode problem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).doesNotContain("Exception", "\tat ", "trace");
        return JSON.readTree(response.body());
    }

    @Test
    void overlappingStaysAreA400NamingBothAndTheServiceGoesOn() throws Exception {
        String identical = person("DE", ",\"stays\":[" + String.join(",", java.util.Collections.nCopies(320, CONTRACT_STAY)) + "]");
        JsonNode body = problem(check(identical), 400);
        assertThat(body.at("/errors/0/field").asString()).isEqualTo("stays[1]");
        assertThat(body.at("/errors/0/message").asString()).startsWith("overlaps stays[0] (2024-01-05..2024-01-20 and");
        assertThat(problem(check(person("DE", ",\"stays\":[{\"entry\":\"2024-01-01\",\"exit\":\"2024-02-01\"},"
                + "{\"entry\":\"2024-03-01\",\"exit\":\"2024-03-05\"},{\"entry\":\"2024-01-20\",\"exit\":\"2024-01-25\"}]")), 400)
                .at("/errors/0/message").asString()).startsWith("overlaps stays[0] (2024-01-01..2024-02-01 and 2024-01-20..2024-01-25)");
        // an exit and an entry on the same day are not an overlap
        assertThat(check(person("DE", ",\"stays\":[{\"entry\":\"2024-01-01\",\"exit\":\"2024-01-10\"},"
                + "{\"entry\":\"2024-01-10\",\"exit\":\"2024-01-12\"}]")).statusCode()).isEqualTo(200);
        assertThat(check(person("DE", ",\"stays\":[" + CONTRACT_STAY + "]")).statusCode()).isEqualTo(200);
    }

    @Test
    void aValidButHugeCheckIsRefusedAtTheCeilingAndNothingIsRecorded() throws Exception {
        // 1000 chained stays fire about 3 000 rules: over the ceiling of 2 000 set here
        JsonNode firings = problem(check(chained("MN", 1000)), 422);
        assertThat(firings.get("type").asString()).isEqualTo("/problems/evaluation-too-large");
        assertThat(firings.get("ceiling").asString()).isEqualTo("firings");
        assertThat(firings.get("detail").asString()).contains("more than 2000 times");
        // 300 fire fewer (about 1 100), but answer about 170 kB: over the 120 kB set here
        JsonNode size = problem(check(chained("MN", 300)), 422);
        assertThat(size.get("ceiling").asString()).isEqualTo("answer-size");
        assertThat(size.get("detail").asString()).contains("over the ceiling of 122880 bytes");
        HttpResponse<String> recorded = send("GET", "/api/v1/evaluations?citizenship=MN", TestKeys.AUDITOR, null, null);
        assertThat(recorded.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(recorded.body()).get("total").asLong()).isZero();
        assertThat(check(chained("MN", 20)).statusCode()).isEqualTo(200);
    }

    @Test
    void aBodyThatTricklesIsCut() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/checks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + TestKeys.HEADER + ": " + TestKeys.CHECKER + "\r\nContent-Length: 1000\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long started = System.nanoTime();
            String answer = null;
            for (int i = 0; i < 40 && answer == null; i++) {
                try {
                    out.write(i == 0 ? '{' : ' ');
                    out.flush();
                } catch (IOException closed) {
                    break;
                }
                Thread.sleep(500);
                if (socket.getInputStream().available() > 0) {
                    answer = new String(socket.getInputStream().readNBytes(socket.getInputStream().available()), StandardCharsets.UTF_8);
                }
            }
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            if (answer == null) {
                answer = readAll(socket.getInputStream());
            }
            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json", "/problems/body-too-slow");
            assertThat(seconds).isLessThan(8);
        }
    }

    @Test
    void aRequestWithoutAValidKeyNeverHasItsBodyRead() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/checks HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 100000\r\n\r\n{").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            long started = System.nanoTime();
            String answer = readAll(socket.getInputStream()); // to the end: the server closes without draining the body
            long millis = (System.nanoTime() - started) / 1_000_000L;
            assertThat(answer).startsWith("HTTP/1.1 401").contains("application/problem+json");
            assertThat(millis).as("answered and closed without waiting for the body").isLessThan(4_000);
        }
    }

    @Test
    void theHistoryIsForAnalystsAndAuditorsOnly() throws Exception {
        JsonNode forbidden = problem(send("GET", "/api/v1/ruleset/history", TestKeys.CHECKER, null, null), 403);
        assertThat(forbidden.get("detail").asString()).contains("'checker' lacks the role");
        assertThat(send("GET", "/api/v1/ruleset/history", TestKeys.ANALYST, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/ruleset/history", TestKeys.AUDITOR, null, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/ruleset", TestKeys.CHECKER, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void theFirewallsRejectionsAndTheErrorPageAreProblemDetails() throws Exception {
        JsonNode rejected = problem(send("GET", "/api/v1//ruleset", TestKeys.CHECKER, null, null), 400);
        assertThat(rejected.get("type").asString()).isEqualTo("/problems/request-rejected");
        assertThat(problem(send("GET", "/api/v1/ruleset;x=1", null, null, null), 400).get("title").asString())
                .isEqualTo("Request rejected");
        JsonNode error = problem(send("GET", "/error", null, null, null), 500);
        assertThat(error.get("detail").asString()).isEqualTo("The service failed to answer; the error has been logged.");
        problem(send("GET", "/api/v1/nothing-here", TestKeys.CHECKER, null, null), 404);
    }

    @Test
    void metricsNameNoPathOfTheMachine() throws Exception {
        HttpResponse<String> metrics = send("GET", "/actuator/prometheus", TestKeys.CHECKER, null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("disk_free_bytes").doesNotContain(System.getProperty("user.dir"), "path=\"");
    }

    @Test
    void aCandidateThatNeverEndsIsRefusedWhileChecksAreAnswered() throws Exception {
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("rules-drl/spin.drl"));
            z.write(("package kz.qagida.rules.hostile;\nimport kz.qagida.facts.input.*;\n"
                    + "rule \"XX-1 Spin\"\n    @id(\"XX-1\") @citation(\"RULES_148 para. 9\") @source(\"002_d0b006081fdc65c8.txt\")\n"
                    + "when\n    $p : Person()\nthen\n    spin(62);\nend\n"
                    // inside the vocabulary (a function, no loop), yet 2^62 calls: only the gate's limits stop it
                    + "function long spin(int n) {\n    return n <= 0 ? 1L : spin(n - 1) + spin(n - 1);\n}\n")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("scenarios/spin.yaml"));
            z.write(("scenarios:\n  - name: \"Anyone\"\n    request: { asOf: \"2024-06-01\", person: { citizenship: \"DE\" } }\n"
                    + "    expect: { status: COMPLIANT }\n").getBytes(StandardCharsets.UTF_8));
        }
        CompletableFuture<HttpResponse<String>> validate = CompletableFuture.supplyAsync(() -> {
            try {
                return send("POST", "/api/v1/ruleset/validate", TestKeys.ANALYST, "application/zip", zip.toByteArray());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        int answered = 0;
        while (!validate.isDone()) {
            HttpResponse<String> ok = check(person("DE", ",\"stays\":[" + CONTRACT_STAY + "]"));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            answered++;
            Thread.sleep(200);
        }
        JsonNode report = JSON.readTree(validate.get().body());
        assertThat(report.get("passed").asBoolean()).isFalse();
        assertThat(report.at("/errors/0/message").asString()).containsAnyOf("CPU time limit of 20 s", "wall-clock limit of 180 s")
                .contains("Refused; nothing activated");
        assertThat(answered).isGreaterThan(5);
    }

    private static String readAll(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.net.SocketTimeoutException e) {
            return "(timed out)";
        }
    }
}

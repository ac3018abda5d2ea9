package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Who may call what: keys in X-API-Key, roles per path, refusals as problem details. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SecurityTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CHECK = "{\"asOf\":\"2024-03-20\",\"person\":{\"citizenship\":\"DE\"}}";

    @LocalServerPort
    int port;

    private HttpResponse<String> call(String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (key != null) {
            b.header(TestKeys.HEADER, key);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.uri() + " " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("title").asString()).isNotBlank();
        assertThat(body.get("detail").asString()).isNotBlank();
    }

    @Test
    void withoutAKeyOnlyHealthInfoAndTheDocumentationAnswer() throws Exception {
        for (String open : new String[] {"/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/info", "/v3/api-docs", "/swagger-ui/index.html"}) {
            assertThat(call("GET", open, null, null).statusCode()).as(open).isEqualTo(200);
        }
        assertProblem(call("POST", "/api/v1/checks", null, CHECK), 401);
        assertProblem(call("POST", "/api/v1/checks/batch", null, "{\"checks\":[" + CHECK + "]}"), 401);
        assertProblem(call("POST", "/api/v1/ruleset/reload", null, ""), 401);
        for (String closed : new String[] {"/api/v1/ruleset", "/api/v1/ruleset/history", "/api/v1/rules", "/api/v1/rules/EN-1",
                "/api/v1/rules/EN-1/firings", "/api/v1/evaluations", "/api/v1/audit/verify", "/actuator/prometheus",
                "/actuator/metrics", "/actuator/env", "/api/v1/nothing"}) {
            HttpResponse<String> response = call("GET", closed, null, null);
            assertProblem(response, 401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).contains("X-API-Key"));
        }
    }

    @Test
    void anUnknownKeyIs401SayingSo() throws Exception {
        HttpResponse<String> response = call("POST", "/api/v1/checks", "not-a-key-at-all-0001", CHECK);
        assertProblem(response, 401);
        assertThat(JSON.readTree(response.body()).get("detail").asString()).contains("not hold a known API key");
        assertProblem(call("POST", "/api/v1/checks", TestKeys.CHECKER + "x", CHECK), 401);
        assertProblem(call("POST", "/api/v1/checks", "", CHECK), 401);
    }

    @Test
    void aCheckerKeyChecksAndReadsButCannotReloadOrAudit() throws Exception {
        assertThat(call("POST", "/api/v1/checks", TestKeys.CHECKER, CHECK).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/checks/batch", TestKeys.CHECKER, "{\"checks\":[" + CHECK + "]}").statusCode())
                .isEqualTo(200);
        for (String read : new String[] {"/api/v1/ruleset", "/api/v1/rules/EN-1", "/actuator/prometheus"}) {
            assertThat(call("GET", read, TestKeys.CHECKER, null).statusCode()).as(read).isEqualTo(200);
        }
        // who changed the rules, and the gate's full reports, are for analysts and auditors
        assertProblem(call("GET", "/api/v1/ruleset/history", TestKeys.CHECKER, null), 403);
        HttpResponse<String> reload = call("POST", "/api/v1/ruleset/reload", TestKeys.CHECKER, "");
        assertProblem(reload, 403);
        assertThat(JSON.readTree(reload.body()).get("detail").asString()).contains("'checker'");
        assertProblem(call("POST", "/api/v1/ruleset/rollback", TestKeys.CHECKER, "{\"version\":\"x\"}"), 403);
        for (String audit : new String[] {"/api/v1/evaluations", "/api/v1/evaluations/00000000-0000-0000-0000-000000000000",
                "/api/v1/audit/verify", "/api/v1/rules/EN-1/firings"}) {
            assertProblem(call("GET", audit, TestKeys.CHECKER, null), 403);
        }
        assertProblem(call("POST", "/api/v1/evaluations/00000000-0000-0000-0000-000000000000/replay", TestKeys.CHECKER, ""), 403);
    }

    @Test
    void anAnalystReloadsUnderItsKeyNameButDoesNotCheck() throws Exception {
        HttpResponse<String> reload = call("POST", "/api/v1/ruleset/reload", TestKeys.ANALYST, "");
        assertThat(reload.statusCode()).as(reload.body()).isEqualTo(200);
        JsonNode history = JSON.readTree(call("GET", "/api/v1/ruleset/history", TestKeys.ANALYST, null).body());
        assertThat(history.findValuesAsString("by")).contains("analyst");
        assertProblem(call("POST", "/api/v1/checks", TestKeys.ANALYST, CHECK), 403);
        assertProblem(call("GET", "/api/v1/audit/verify", TestKeys.ANALYST, null), 403);
    }

    @Test
    void anAuditorPassesTheAuditPathsButDoesNotCheckOrReload() throws Exception {
        for (String audit : new String[] {"/api/v1/evaluations", "/api/v1/audit/verify", "/api/v1/rules/EN-1/firings"}) {
            assertThat(call("GET", audit, TestKeys.AUDITOR, null).statusCode()).as(audit).isNotIn(401, 403);
        }
        assertProblem(call("POST", "/api/v1/checks", TestKeys.AUDITOR, CHECK), 403);
        assertProblem(call("POST", "/api/v1/ruleset/reload", TestKeys.AUDITOR, ""), 403);
    }
}

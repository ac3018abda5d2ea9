package kz.qagida.check.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Checks, their latency, rule firings, reloads and the audit writer show on /actuator/prometheus. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ObservabilityTests {

    @LocalServerPort
    int port;

    @Test
    void checksFiringsAndReloadsAreCountedForPrometheus() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(api.post("/api/v1/checks", "{\"asOf\":\"2024-04-05\",\"person\":{\"citizenship\":\"DE\"},"
                + "\"stays\":[{\"entry\":\"2024-03-01\"}]}").statusCode()).isEqualTo(200);
        assertThat(api.post("/api/v1/checks", "{\"person\":{\"citizenship\":\"ZZ\"}}").statusCode()).isEqualTo(400);
        String metrics = api.get("/actuator/prometheus").body();
        assertThat(metrics).contains("qagida_checks_total{status=\"VIOLATION\"}", "qagida_checks_total{status=\"INVALID\"}",
                "qagida_check_seconds_count", "qagida_check_seconds_bucket", "qagida_rule_firings_total{rule=\"ST-1\"}",
                "qagida_rule_firings_total{rule=\"EN-2\"}", "qagida_ruleset_reloads_total{outcome=\"ACTIVATED\"}",
                "http_server_requests_seconds_count");
        // the start-up load counts, and the serving version is a label of an info gauge
        assertThat(metrics).contains("qagida_ruleset_reloads_total{outcome=\"STARTED\"} 1.0")
                .containsPattern("qagida_ruleset_serving\\{version=\"sha256:[0-9a-f]{64}\"} 1\\.0");
        // the audit writer: records waiting, each commit's time, checks refused for want of a record
        assertThat(metrics).containsPattern("qagida_audit_queue [0-9]")
                .containsPattern("qagida_audit_commit_seconds_count\\{outcome=\"ok\"} [1-9]")
                .contains("qagida_audit_refused_total{reason=\"timeout\"} 0.0");
    }
}

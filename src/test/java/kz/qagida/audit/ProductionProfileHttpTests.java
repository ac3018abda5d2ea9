package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import kz.qagida.QagidaApplication;
import kz.qagida.system.TestKeys;

/**
 * The service as k8s/qagida.yaml runs it: profile {@code prod} on PostgreSQL, the management port apart.
 * On the management port health and the Prometheus metrics answer without a key and nothing else does;
 * the API port still asks for keys and serves no actuator. The audit writer's queue, commit time and
 * refusals show in the metrics: a check whose commit fails (the table locked past the lock timeout) is
 * refused with 503 and counted.
 */
class ProductionProfileHttpTests {

    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String CHECK = "{\"asOf\":\"2024-04-05\",\"person\":{\"citizenship\":\"DE\"},"
            + "\"stays\":[{\"entry\":\"2024-03-01\"}]}";

    static TestDatabase db;
    static ConfigurableApplicationContext app;
    static int api;
    static int management;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgresEmpty();
        app = new SpringApplicationBuilder(QagidaApplication.class).run("--spring.profiles.active=prod",
                "--server.port=0", "--management.server.port=0", "--spring.datasource.url=" + db.url,
                "--spring.datasource.username=" + db.user, "--qagida.rules.compiled-cache=",
                "--qagida.audit.database.lock-timeout=PT1S");
        api = app.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
        management = app.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (db != null) {
            db.close();
        }
    }

    static HttpResponse<String> send(int port, String method, String path, String key, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header(TestKeys.HEADER, key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theManagementPortServesProbesAndMetricsWithoutAKeyAndNothingElse() throws Exception {
        assertThat(management).isNotEqualTo(api);
        HttpResponse<String> metrics = send(management, "GET", "/actuator/prometheus", null, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("qagida_ruleset_serving{", "qagida_audit_queue ");
        assertThat(send(management, "GET", "/actuator/health/liveness", null, null).statusCode()).isEqualTo(200);
        HttpResponse<String> readiness = send(management, "GET", "/actuator/health/readiness", null, null);
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"UP\"").doesNotContain("details", "components");
        HttpResponse<String> health = send(management, "GET", "/actuator/health", null, null);
        assertThat(health.body()).doesNotContain("auditWriter", "diskSpace");
        // nothing else: no other actuator endpoint, no API, no write, whatever the key
        for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
                "/api/v1/ruleset", "/api/v1/evaluations", "/v3/api-docs"}) {
            assertThat(send(management, "GET", path, null, null).statusCode()).as(path).isIn(401, 403, 404);
            assertThat(send(management, "GET", path, TestKeys.ALL, null).statusCode()).as(path).isIn(401, 403, 404);
        }
        assertThat(send(management, "POST", "/api/v1/checks", TestKeys.CHECKER, CHECK).statusCode()).isIn(401, 403, 404);
        assertThat(send(management, "POST", "/actuator/prometheus", null, "{}").statusCode()).isIn(401, 403, 405);
    }

    @Test
    void theApiPortStillAsksForKeysAndServesNoActuatorMetrics() throws Exception {
        assertThat(send(api, "GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(send(api, "GET", "/actuator/prometheus", TestKeys.ALL, null).statusCode()).isEqualTo(404);
        assertThat(send(api, "GET", "/api/v1/ruleset", null, null).statusCode()).isEqualTo(401);
        assertThat(send(api, "POST", "/api/v1/checks", null, CHECK).statusCode()).isEqualTo(401);
    }

    @Test
    void checksAreRecordedInPostgresAndTheAuditWriterShowsInTheMetrics() throws Exception {
        assertThat(send(api, "POST", "/api/v1/checks", TestKeys.CHECKER, CHECK).statusCode()).isEqualTo(200);
        assertThat(db.jdbc().queryForObject("SELECT count(*) FROM audit_record", Long.class)).isPositive();
        String before = send(management, "GET", "/actuator/prometheus", null, null).body();
        assertThat(before).containsPattern("qagida_audit_commit_seconds_count\\{outcome=\"ok\"} [1-9]")
                .contains("qagida_audit_refused_total{reason=\"failed\"} 0.0",
                        "qagida_audit_refused_total{reason=\"stalled\"} 0.0");
        // the audit table locked by someone else: the commit waits past the lock timeout and fails
        try (Connection locker = DriverManager.getConnection(db.url, db.user, "");
                Statement s = locker.createStatement()) {
            locker.setAutoCommit(false);
            s.execute("LOCK TABLE audit_chain IN ACCESS EXCLUSIVE MODE");
            assertThat(send(api, "POST", "/api/v1/checks", TestKeys.CHECKER, CHECK).statusCode()).isEqualTo(503);
            locker.rollback();
        }
        String after = send(management, "GET", "/actuator/prometheus", null, null).body();
        assertThat(after).contains("qagida_audit_refused_total{reason=\"failed\"} 1.0")
                .containsPattern("qagida_audit_commit_seconds_count\\{outcome=\"failed\"} 1");
    }
}

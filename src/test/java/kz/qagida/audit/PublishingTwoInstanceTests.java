package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.ruleset.RulesRootCopy;
import kz.qagida.ruleset.RulesetStore;
import kz.qagida.system.TestKeys;

/**
 * Two instances on one PostgreSQL, as an analyst and an operator see them: the impact of a changed
 * MRP on recorded checks; a refused publish changes neither instance; a publish on A is served by
 * B; rollback reaches a version older than 20 others; both restart on the active version
 * with its history.
 */
class PublishingTwoInstanceTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GERMAN_2024 = "{\"asOf\":\"2024-04-05\",\"person\":{\"citizenship\":\"DE\"},\"stays\":[{\"entry\":\"2024-03-01\"}]}";
    private static final String GERMAN_2025 = "{\"asOf\":\"2025-04-05\",\"person\":{\"citizenship\":\"DE\"},\"stays\":[{\"entry\":\"2025-03-01\"}]}";
    private static final String HONG_KONG = "{\"asOf\":\"2024-06-01\",\"person\":{\"citizenship\":\"HK\"}}";

    @TempDir
    Path dir;

    @Test
    void anAnalystsChangeIsAnalysedThenServedByBothInstancesAndSurvivesRestarts() throws Exception {
        try (TestDatabase db = TestDatabase.postgresEmpty()) {
            Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", db.url, "SPRING_DATASOURCE_USERNAME", db.user,
                    "SPRING_DATASOURCE_PASSWORD", "");
            String v0;
            String v1;
            try (ServiceProcess a = ServiceProcess.start("publish-a", dir, env, "--qagida.rules.watch.enabled=false");
                    ServiceProcess b = ServiceProcess.start("publish-b", dir, env, "--qagida.rules.watch.enabled=false")) {
                a.awaitUp(Duration.ofSeconds(300));
                b.awaitUp(Duration.ofSeconds(300));
                v0 = version(a);
                assertThat(version(b)).isEqualTo(v0);
                assertThat(ruleset(a).get("activeVersion").asString()).isEqualTo(v0);
                assertThat(ruleset(a).get("instance").asString()).isNotEqualTo(ruleset(b).get("instance").asString());

                // recorded checks: three fined in 2024, two fined in 2025, two without a fine
                List<UUID> fined2024 = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    fined2024.add(check(i % 2 == 0 ? a : b, GERMAN_2024));
                }
                check(a, GERMAN_2025);
                check(b, GERMAN_2025);
                check(a, HONG_KONG);
                check(b, HONG_KONG);

                // impact of the 2024 MRP at 4000 tenge instead of 3692: exactly the three 2024 fines change
                Path root = RulesRootCopy.fresh();
                Path mrp = root.resolve("decision-tables/reference/mrp.drl.xlsx");
                RulesRootCopy.editCell(mrp, "MN-1 MRP 2024", "3692", "4000");
                HttpResponse<String> impact = post(a, "/api/v1/ruleset/impact?path=decision-tables/reference/mrp.drl.xlsx",
                        Files.readAllBytes(mrp));
                assertThat(impact.statusCode()).as(impact.body()).isEqualTo(200);
                JsonNode report = JSON.readTree(impact.body());
                assertThat(report.get("replayed").asInt()).isEqualTo(7);
                assertThat(report.get("changed").asInt()).isEqualTo(3);
                assertThat(report.get("statusChanges").size()).isZero();
                assertThat(report.at("/fines/after").decimalValue().subtract(report.at("/fines/before").decimalValue()))
                        .isEqualByComparingTo("13860"); // 3 × 15 MRP × (4000 − 3692)
                assertThat(report.get("examples").findValuesAsString("evaluationId"))
                        .containsExactlyInAnyOrderElementsOf(fined2024.stream().map(UUID::toString).toList());
                assertThat(report.at("/conclusions/byCode").findValuesAsString("key")).contains("OVERSTAY");

                // a broken file is refused, naming file and line, and changes neither instance nor the store
                HttpResponse<String> broken = post(a, "/api/v1/ruleset/publish?path=rules-drl/stay/overstay.drl",
                        Files.readString(root.resolve("rules-drl/stay/overstay.drl"))
                                .replace("$o : Overstay()", "$o : Overstay(nonsense > 1)").getBytes());
                assertThat(broken.statusCode()).isEqualTo(422);
                assertThat(JSON.readTree(broken.body()).at("/report/errors/0/file").asString()).isEqualTo("rules-drl/stay/overstay.drl");
                assertThat(JSON.readTree(broken.body()).at("/report/errors/0/location").asString()).startsWith("line ");
                assertThat(version(a)).isEqualTo(v0);
                assertThat(version(b)).isEqualTo(v0);
                assertThat(ruleset(b).get("activeVersion").asString()).isEqualTo(v0);

                // a good change (Hong Kong: 10 days, with its scenario) published on A is served by B
                RulesRootCopy.restore(root);
                RulesRootCopy.editCell(root.resolve("decision-tables/entry/bilateral-treaties.drl.xlsx"), "EN-4 HK", "14", "10");
                RulesRootCopy.replaceInFile(root.resolve("scenarios/entry/visa-regimes.yaml"),
                        "rule: EN-4, facts: { maxDaysPerEntry: 14 }", "rule: EN-4, facts: { maxDaysPerEntry: 10 }");
                HttpResponse<String> published = post(a, "/api/v1/ruleset/publish", RulesRootCopy.zip(root));
                long answered = System.nanoTime();
                assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
                JsonNode answer = JSON.readTree(published.body());
                v1 = answer.get("version").asString();
                assertThat(answer.get("activated").asBoolean()).isTrue();
                assertThat(answer.get("changedFiles").valueStream().map(JsonNode::asString).toList())
                        .containsExactly("decision-tables/entry/bilateral-treaties.drl.xlsx", "scenarios/entry/visa-regimes.yaml");
                assertThat(version(a)).isEqualTo(v1);
                double seconds = awaitVersion(b, v1, Duration.ofSeconds(120));
                System.out.printf("publish-to-serving on B: %.2f s%n", seconds);
                // the 5 s goal is a speed target, measured by bench/publish.sh (median and max over 10
                // publishes), not asserted here on a shared machine; B must serve it, and did within the wait
                UUID underV1 = check(b, HONG_KONG);
                assertThat(db.queries().find(underV1).orElseThrow().content().rulesetVersion()).isEqualTo(v1);

                // 21 more versions stored (as publishes would), then a rollback to v0, older than all of them
                RulesetStore store = new RulesetStore(db.jdbc(), new DataSourceTransactionManager(db.dataSource), JSON);
                List<RuleFile> files = store.allFiles(v0);
                for (int i = 0; i < 21; i++) {
                    int n = i;
                    List<RuleFile> changed = files.stream().map(f -> f.path().equals("messages/en.yaml")
                            ? new RuleFile(f.path(), (f.text() + "\n# edit " + n + "\n").getBytes()) : f).toList();
                    store.store(RuleBaseLoader.version(changed.stream().filter(f -> !f.path().startsWith("scenarios/")).toList()),
                            changed, null, "test");
                }
                assertThat(store.versions(100)).hasSizeGreaterThanOrEqualTo(23);
                HttpResponse<String> rolled = post(a, "/api/v1/ruleset/rollback", ("{\"version\":\"" + v0 + "\"}").getBytes(), "application/json");
                assertThat(rolled.statusCode()).as(rolled.body()).isEqualTo(200);
                assertThat(version(a)).isEqualTo(v0);
                awaitVersion(b, v0, Duration.ofSeconds(120));
            }
            // both restart on the active version, with the history of every attempt
            try (ServiceProcess a = ServiceProcess.start("publish-a2", dir, env, "--qagida.rules.watch.enabled=false");
                    ServiceProcess b = ServiceProcess.start("publish-b2", dir, env, "--qagida.rules.watch.enabled=false")) {
                a.awaitUp(Duration.ofSeconds(300));
                b.awaitUp(Duration.ofSeconds(300));
                assertThat(version(a)).isEqualTo(v0);
                assertThat(version(b)).isEqualTo(v0);
                JsonNode history = get(b, "/api/v1/ruleset/history");
                assertThat(history.findValuesAsString("outcome")).contains("SEEDED", "REFUSED", "ACTIVATED", "ROLLED_BACK", "STARTED");
                assertThat(history.findValuesAsString("version")).contains(v1);
            }
        }
    }

    private static double awaitVersion(ServiceProcess s, String version, Duration timeout) throws Exception {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!version(s).equals(version)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(s.port + " did not serve " + version + " within " + timeout);
            }
            Thread.sleep(50);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static String version(ServiceProcess s) throws IOException, InterruptedException {
        return ruleset(s).get("version").asString();
    }

    private static JsonNode ruleset(ServiceProcess s) throws IOException, InterruptedException {
        return get(s, "/api/v1/ruleset");
    }

    private static JsonNode get(ServiceProcess s, String path) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(s.uri(path)).header(TestKeys.HEADER, TestKeys.ALL).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private static UUID check(ServiceProcess s, String body) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(s.uri("/api/v1/checks")).header("Content-Type", "application/json")
                .header(TestKeys.HEADER, TestKeys.CHECKER).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return UUID.fromString(JSON.readTree(r.body()).get("evaluationId").asString());
    }

    private static HttpResponse<String> post(ServiceProcess s, String path, byte[] body) throws IOException, InterruptedException {
        return post(s, path, body, "application/octet-stream");
    }

    private static HttpResponse<String> post(ServiceProcess s, String path, byte[] body, String type)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(s.uri(path)).header("Content-Type", type).header(TestKeys.HEADER, TestKeys.ANALYST)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}

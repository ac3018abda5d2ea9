package kz.qagida.ruleset.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.ruleset.RulesRootCopy;
import kz.qagida.system.TestKeys;

/** The analysts' loop over HTTP, on a writable copy of the rules root that the service watches. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class RulesetApiTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path ROOT = RulesRootCopy.fresh();
    private static final String HONG_KONG = "{\"asOf\":\"2024-06-01\",\"person\":{\"citizenship\":\"HK\"}}";

    @DynamicPropertySource
    static void rulesRoot(DynamicPropertyRegistry registry) {
        registry.add("qagida.rules.root", ROOT::toString);
        registry.add("qagida.rules.watch.debounce-ms", () -> "300");
    }

    @LocalServerPort
    int port;

    @AfterEach
    void restoreTheRules() throws Exception {
        RulesRootCopy.restore(ROOT);
        post("/api/v1/ruleset/reload", "application/json", "");
    }

    private HttpResponse<String> post(String path, String type, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", type)
                .header(TestKeys.HEADER, TestKeys.ANALYST)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> check(String body, String language) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/checks"))
                .header("Content-Type", "application/json").header(TestKeys.HEADER, TestKeys.CHECKER).POST(HttpRequest.BodyPublishers.ofString(body));
        if (language != null) {
            b.header("Accept-Language", language);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as an analyst (the history is for analysts and auditors). */
    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(TestKeys.HEADER, TestKeys.ANALYST).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    private int hongKongDays() throws Exception {
        for (JsonNode c : JSON.readTree(check(HONG_KONG, null).body()).get("conclusions")) {
            if (c.get("code").asString().equals("VISA_FREE_ENTRY")) {
                return c.at("/facts/maxDaysPerEntry").asInt();
            }
        }
        throw new AssertionError("no VISA_FREE_ENTRY");
    }

    private void changeHongKongDaysTo10() throws IOException {
        RulesRootCopy.editCell(ROOT.resolve("decision-tables/entry/bilateral-treaties.drl.xlsx"), "EN-4 HK", "14", "10");
        RulesRootCopy.replaceInFile(ROOT.resolve("scenarios/entry/visa-regimes.yaml"), "rule: EN-4, facts: { maxDaysPerEntry: 14 }", "rule: EN-4, facts: { maxDaysPerEntry: 10 }");
    }

    @Test
    void anEditedTableIsPickedUpBySavingTheFile() throws Exception {
        String before = get("/api/v1/ruleset").get("version").asString();
        changeHongKongDaysTo10();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (hongKongDays() != 10 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(hongKongDays()).isEqualTo(10);
        assertThat(get("/api/v1/ruleset").get("version").asString()).isNotEqualTo(before);
        assertThat(get("/api/v1/ruleset/history").findValuesAsString("by")).contains("watcher");
    }

    @Test
    void aRefusedReloadIsA422NamingTheFileAndTheOldRulesKeepAnswering() throws Exception {
        RulesRootCopy.replaceInFile(ROOT.resolve("rules-drl/stay/overstay.drl"), "$o : Overstay()", "$o : Overstay(nonsense > 1)");
        HttpResponse<String> response = post("/api/v1/ruleset/reload", "application/json", "");
        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("title").asString()).isEqualTo("Ruleset refused");
        assertThat(problem.at("/report/errors/0/file").asString()).isEqualTo("rules-drl/stay/overstay.drl");
        assertThat(problem.at("/report/errors/0/location").asString()).startsWith("line ");
        assertThat(check(HONG_KONG, null).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/ruleset/history").get(0).get("outcome").asString()).isEqualTo("REFUSED");
    }

    @Test
    void checksRunningDuringReloadsNeverFail() throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger ok = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < 3; t++) {
            Thread client = new Thread(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = check(HONG_KONG, null);
                        if (r.statusCode() == 200) {
                            ok.incrementAndGet();
                        } else {
                            failures.add(r.statusCode() + " " + r.body());
                        }
                    } catch (Exception e) {
                        failures.add(e.toString());
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (int i = 0; i < 2; i++) {
            changeHongKongDaysTo10();
            assertThat(post("/api/v1/ruleset/reload", "application/json", "").statusCode()).isEqualTo(200);
            RulesRootCopy.restore(ROOT);
            assertThat(post("/api/v1/ruleset/reload", "application/json", "").statusCode()).isEqualTo(200);
        }
        running.set(false);
        for (Thread c : clients) {
            c.join(10_000);
        }
        assertThat(failures).isEmpty();
        assertThat(ok.get()).isPositive();
    }

    @Test
    void aZippedCandidateIsValidatedWithoutGoingLive() throws Exception {
        String before = get("/api/v1/ruleset").get("version").asString();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/ruleset/validate"))
                .header("Content-Type", "application/zip").header(TestKeys.HEADER, TestKeys.ANALYST)
                .POST(HttpRequest.BodyPublishers.ofByteArray(RulesRootCopy.zip(ROOT))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode report = JSON.readTree(response.body());
        assertThat(report.get("passed").asBoolean()).isTrue();
        assertThat(report.get("scenariosRun").asInt()).isPositive();
        assertThat(get("/api/v1/ruleset").get("version").asString()).isEqualTo(before);
    }

    @Test
    void rollbackServesTheEarlierVersionAgain() throws Exception {
        String before = get("/api/v1/ruleset").get("version").asString();
        changeHongKongDaysTo10();
        assertThat(post("/api/v1/ruleset/reload", "application/json", "").statusCode()).isEqualTo(200);
        assertThat(hongKongDays()).isEqualTo(10);
        HttpResponse<String> rolled = post("/api/v1/ruleset/rollback", "application/json", "{\"version\":\"" + before + "\"}");
        assertThat(rolled.statusCode()).isEqualTo(200);
        assertThat(hongKongDays()).isEqualTo(14);
        assertThat(post("/api/v1/ruleset/rollback", "application/json", "{\"version\":\"sha256:nope\"}").statusCode()).isEqualTo(404);
        assertThat(post("/api/v1/ruleset/rollback", "application/json", "{}").statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> postBytes(String path, byte[] body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/octet-stream").header(TestKeys.HEADER, TestKeys.ANALYST)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPublishedCandidateGoesLiveOnlyWhenActivated() throws Exception {
        String before = get("/api/v1/ruleset").get("version").asString();
        Path candidate = RulesRootCopy.fresh();
        RulesRootCopy.editCell(candidate.resolve("decision-tables/entry/bilateral-treaties.drl.xlsx"), "EN-4 HK", "14", "10");
        RulesRootCopy.replaceInFile(candidate.resolve("scenarios/entry/visa-regimes.yaml"),
                "rule: EN-4, facts: { maxDaysPerEntry: 14 }", "rule: EN-4, facts: { maxDaysPerEntry: 10 }");
        HttpResponse<String> stored = postBytes("/api/v1/ruleset/publish?activate=false", RulesRootCopy.zip(candidate));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(stored.body());
        assertThat(answer.get("activated").asBoolean()).isFalse();
        assertThat(answer.get("changedFiles").valueStream().map(JsonNode::asString).toList())
                .containsExactly("decision-tables/entry/bilateral-treaties.drl.xlsx", "scenarios/entry/visa-regimes.yaml");
        String version = answer.get("version").asString();
        assertThat(get("/api/v1/ruleset").get("version").asString()).isEqualTo(before);
        assertThat(get("/api/v1/ruleset").get("activeVersion").asString()).isEqualTo(before);
        assertThat(hongKongDays()).isEqualTo(14);

        HttpResponse<String> activated = post("/api/v1/ruleset/activate", "application/json", "{\"version\":\"" + version + "\"}");
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        assertThat(hongKongDays()).isEqualTo(10);
        assertThat(get("/api/v1/ruleset").get("activeVersion").asString()).isEqualTo(version);
        assertThat(get("/api/v1/ruleset/history").findValuesAsString("outcome")).contains("STORED", "ACTIVATED");
        assertThat(post("/api/v1/ruleset/activate", "application/json", "{\"version\":\"sha256:nope\"}").statusCode()).isEqualTo(404);
    }

    @Test
    void aHostileUploadIsRefusedNamingTheEntryAndChangesNothing() throws Exception {
        String before = get("/api/v1/ruleset").get("version").asString();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry("rules-drl/../../etc/evil.drl"));
            zip.write("rule".getBytes());
            zip.closeEntry();
        }
        HttpResponse<String> refused = postBytes("/api/v1/ruleset/publish", bytes.toByteArray());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(refused.body()).get("entry").asString()).isEqualTo("rules-drl/../../etc/evil.drl");
        HttpResponse<String> notAFile = postBytes("/api/v1/ruleset/publish?path=/etc/passwd", "x".getBytes());
        assertThat(notAFile.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notAFile.body()).get("entry").asString()).isEqualTo("/etc/passwd");
        assertThat(postBytes("/api/v1/ruleset/impact", "not a zip".getBytes()).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/ruleset").get("version").asString()).isEqualTo(before);
    }

    @Test
    void theCatalogueFiltersByAreaAndDate() throws Exception {
        JsonNode entry2024 = get("/api/v1/rules?area=entry&inForceOn=2024-06-01");
        List<String> names = entry2024.findValuesAsString("name");
        assertThat(names).contains("EN-2 DE", "EN-4 CN", "EN-1 AF").doesNotContain("EN-3 CN", "ST-1 Overstay");
        JsonNode en3 = get("/api/v1/rules/EN-3");
        assertThat(en3.findValuesAsString("name")).contains("EN-3 IN", "EN-3 IR", "EN-3 CN", "EN-3 Terms from 2022-07-08");
        JsonNode kr = get("/api/v1/rules/EN-4%20KR");
        assertThat(kr.at("/0/values/windowLimit").asString()).isEqualTo("60");
        assertThat(kr.at("/0/citations/0/act").asString()).isEqualTo("TREATY:KR");
        assertThat(kr.at("/0/row").asInt()).isPositive();
        assertThat(get("/api/v1/rules/XX-99").get("status").asInt()).isEqualTo(404);
    }

    @Test
    void messagesFollowAcceptLanguage() throws Exception {
        String body = "{\"asOf\":\"2024-04-05\",\"person\":{\"citizenship\":\"DE\"},\"stays\":[{\"entry\":\"2024-03-01\"}]}";
        assertThat(message(body, "ru-RU,ru;q=0.9", "OVERSTAY")).isEqualTo("Пребывание, начавшееся 2024-03-01, превысило последний "
                + "законный день (2024-03-30) на 6 дн.: штраф в размере 15 МРП = 55380 тенге (1 МРП = 3692 тенге).");
        assertThat(message(body, "kk", "OVERSTAY")).isEqualTo("2024-03-01 күні басталған болу соңғы заңды күннен (2024-03-30) "
                + "6 күнге асып кетті: 15 АЕК = 55380 теңге мөлшерінде айыппұл (1 АЕК = 3692 теңге).");
        assertThat(message(body, "en", "OVERSTAY")).isEqualTo("The stay that began on 2024-03-01 exceeded its last lawful day, "
                + "2024-03-30, by 6 day(s): a fine of 15 MRP = 55380 tenge (1 MRP = 3692 tenge).");
        assertThat(message(body, "fr", "OVERSTAY")).startsWith("The stay that began");
        assertThat(message(body, null, "OVERSTAY")).startsWith("The stay that began");
    }

    @Test
    void explainShowsTheRowsAndFactsBehindAConclusion() throws Exception {
        String body = "{\"asOf\":\"2024-04-05\",\"person\":{\"citizenship\":\"DE\"},\"stays\":[{\"entry\":\"2024-03-01\"}]}";
        JsonNode plain = JSON.readTree(check(body, null).body());
        assertThat(plain.at("/conclusions/0").has("explanation")).isFalse();
        JsonNode explained = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/v1/checks?explain=true")).header("Content-Type", "application/json")
                .header(TestKeys.HEADER, TestKeys.CHECKER)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode c : explained.get("conclusions")) {
            if (c.get("code").asString().equals("OVERSTAY")) {
                String chain = c.get("explanation").toString();
                assertThat(chain).contains("ST-1 Overstay", "PE-1 Overstay of 6 to 10 days", "\"mrp\":\"15\"", "EN-2 DE",
                        "EN-2 Terms from 2024", "\"maxDaysPerEntry\":\"30\"", "entry=2024-03-01");
                return;
            }
        }
        throw new AssertionError("no OVERSTAY conclusion");
    }

    private String message(String body, String language, String code) throws Exception {
        for (JsonNode c : JSON.readTree(check(body, language).body()).get("conclusions")) {
            if (c.get("code").asString().equals(code)) {
                return c.get("message").asString();
            }
        }
        throw new AssertionError("no " + code);
    }
}

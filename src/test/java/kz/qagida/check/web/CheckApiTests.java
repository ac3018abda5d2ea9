package kz.qagida.check.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.system.TestKeys;

/** The check API over real HTTP, as another service would call it. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class CheckApiTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String contentType, String accept, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/checks"))
                .header(TestKeys.HEADER, TestKeys.CHECKER)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        if (accept != null) {
            b.header("Accept", accept);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return post("application/json", null, body);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header(TestKeys.HEADER, TestKeys.CHECKER).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    @Test
    void theContractsExampleAnswersWithCitedConclusions() throws Exception {
        String example = Files.readString(Path.of("src/main/resources/api/check-request-example.json"));
        HttpResponse<String> response = post(example);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.get("evaluationId").asString()).matches("[0-9a-f-]{36}");
        assertThat(body.get("asOf").asString()).isEqualTo("2024-03-20");
        assertThat(body.at("/ruleset/version").asString()).startsWith("sha256:");
        assertThat(body.at("/ruleset/loadedAt").asString()).isNotBlank();
        assertThat(body.get("status").asString()).isEqualTo("COMPLIANT");
        assertThat(body.get("conclusions").size()).isPositive();
        for (JsonNode c : body.get("conclusions")) {
            assertThat(c.get("citations").size()).as(c.toString()).isPositive();
            assertThat(c.at("/citations/0/act").asString()).isNotBlank();
            assertThat(c.at("/citations/0/source").asString()).isNotBlank();
            assertThat(c.at("/rule/id").asString()).as(c.toString()).matches("[A-Z]{2}-\\d+");
            assertThat(c.at("/rule/name").asString()).startsWith(c.at("/rule/id").asString());
            assertThat(c.at("/rule/file").asString()).matches("(rules-drl|decision-tables)/.+");
            assertThat(c.get("message").asString()).isNotBlank().doesNotContain("{");
            assertThat(c.get("severity").asString()).isIn("VIOLATION", "OBLIGATION", "WARNING", "INFO");
            assertThat(c.get("subject").asString()).isIn("FOREIGNER", "HOST");
        }
        assertThat(body.get("conclusions").findValuesAsString("code")).contains("VISA_FREE_ENTRY", "STAY_LIMIT");
        assertThat(body.get("firedRules").size()).isPositive();
        assertThat(body.at("/firedRules/0/file").asString()).isNotBlank();
    }

    @Test
    void anOverstayIsAViolationWithItsDays() throws Exception {
        JsonNode body = json(post("""
                {"asOf":"2024-04-05","person":{"citizenship":"DEU"},"stays":[{"entry":"2024-03-01","exit":null}]}"""));
        assertThat(body.get("status").asString()).isEqualTo("VIOLATION");
        JsonNode overstay = null;
        for (JsonNode c : body.get("conclusions")) {
            if (c.get("code").asString().equals("OVERSTAY")) {
                overstay = c;
            }
        }
        assertThat(overstay).isNotNull();
        assertThat(overstay.at("/facts/overstayDays").asInt()).isEqualTo(6);
        assertThat(overstay.at("/facts/lastLawfulDay").asString()).isEqualTo("2024-03-30");
    }

    @Test
    void invalidFieldsAreNamedInProblemDetails() throws Exception {
        HttpResponse<String> response = post("""
                {"person":{"citizenship":"ZZ"},"stays":[{"entry":"2024-01-05","exit":"2024-01-01"},{"entry":"2024-02-01"},{"entry":"2024-03-01"}]}""");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json(response);
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.get("type").asString()).isNotBlank();
        assertThat(body.get("title").asString()).isEqualTo("Invalid request");
        assertThat(body.get("errors").findValuesAsString("field"))
                .containsExactly("person.citizenship", "stays[0].exit", "stays[2].exit");
        assertThat(response.body()).doesNotContain("Exception", "at kz.", "at org.");
    }

    @Test
    void aMalformedDateNamesItsField() throws Exception {
        JsonNode body = json(post("{\"person\":{\"citizenship\":\"DE\"},\"stays\":[{\"entry\":\"2024-01-01\"},{\"entry\":\"2024-02-30\"}]}"));
        assertThat(body.get("status").asInt()).isEqualTo(400);
        assertThat(body.at("/errors/0/field").asString()).isEqualTo("stays[1].entry");
        assertThat(body.at("/errors/0/message").asString()).contains("2024-02-30", "yyyy-MM-dd");
    }

    @Test
    void anUnknownEnumValueNamesItsFieldAndTheAllowedValues() throws Exception {
        JsonNode body = json(post("{\"person\":{\"citizenship\":\"DE\",\"passportType\":\"ALIEN\"}}"));
        assertThat(body.at("/errors/0/field").asString()).isEqualTo("person.passportType");
        assertThat(body.at("/errors/0/message").asString()).contains("ORDINARY", "DIPLOMATIC", "SERVICE");
    }

    @Test
    void aMissingCitizenshipIsA400() throws Exception {
        HttpResponse<String> response = post("{\"person\":{}}");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).at("/errors/0/field").asString()).isEqualTo("person.citizenship");
        assertThat(json(post("{}")).at("/errors/0/field").asString()).isEqualTo("person");
    }

    @Test
    void malformedJsonAnEmptyBodyAndAnArrayAre400() throws Exception {
        for (String body : new String[] {"{\"person\":", "", "[1,2]", "null", "{\"person\":{\"citizenship\":\"DE\"},\"stays\":{\"a\":1}}"}) {
            HttpResponse<String> response = post(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("errors").size()).as(body).isPositive();
        }
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        String big = "{\"person\":{\"citizenship\":\"DE\"},\"pad\":\"" + "a".repeat(600_000) + "\"}";
        HttpResponse<String> response = post(big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(response).get("status").asInt()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"person\":{\"citizenship\":\"DE\"},\"pad\":\"" + "a".repeat(600_000) + "\"}").getBytes();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/checks"))
                .header("Content-Type", "application/json").header(TestKeys.HEADER, TestKeys.CHECKER)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(413);
    }

    @Test
    void anotherMediaTypeIs415AndAnUnacceptableAcceptIs406AsProblemDetails() throws Exception {
        HttpResponse<String> unsupported = post("text/plain", null, "x");
        assertThat(unsupported.statusCode()).isEqualTo(415);
        assertThat(json(unsupported).get("status").asInt()).isEqualTo(415);
        HttpResponse<String> notAcceptable = post("application/json", "text/html", "{\"person\":{\"citizenship\":\"DE\"}}");
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(json(notAcceptable).get("status").asInt()).isEqualTo(406);
    }

    @Test
    void unknownPathsAndMethodsAreProblemDetails() throws Exception {
        HttpResponse<String> missing = get("/api/v1/nothing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json(missing).get("status").asInt()).isEqualTo(404);
        HttpResponse<String> wrongMethod = get("/api/v1/checks");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(json(wrongMethod).get("status").asInt()).isEqualTo(405);
    }

    @Test
    void theRulesetTellsItsVersionAndRuleCountsPerFile() throws Exception {
        JsonNode body = json(get("/api/v1/ruleset"));
        assertThat(body.get("version").asString()).startsWith("sha256:");
        assertThat(body.get("loadedAt").asString()).isNotBlank();
        assertThat(body.get("files").findValuesAsString("path")).contains("decision-tables/entry/visa-regimes-000.drl.xlsx");
        for (JsonNode f : body.get("files")) {
            if (f.get("path").asString().equals("decision-tables/entry/visa-regimes-000.drl.xlsx")) {
                assertThat(f.get("rules").asInt()).isEqualTo(196);
            }
        }
    }

    @Test
    void theApiDocumentationCarriesTheContractsExample() throws Exception {
        HttpResponse<String> docs = get("/v3/api-docs");
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode example = json(docs).at("/paths/~1api~1v1~1checks/post/requestBody/content/application~1json/example");
        assertThat(example.at("/person/citizenship").asString()).isEqualTo("DE");
        assertThat(get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }
}

package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The API document in the repository ({@code docs/openapi.yaml}, from which the build generates a
 * Java client) is the one the service serves. When the API changes, this test writes the served
 * document to {@code target/openapi.yaml}: review it and copy it over {@code docs/openapi.yaml}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiDocumentTests {

    private static final Path COMMITTED = Path.of("docs/openapi.yaml");

    @LocalServerPort
    int port;

    @Test
    void theCommittedApiDocumentIsTheServedOne() throws Exception {
        HttpResponse<String> served = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/v3/api-docs.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(served.statusCode()).isEqualTo(200);
        Files.writeString(Path.of("target/openapi.yaml"), served.body(), StandardCharsets.UTF_8);
        YAMLMapper yaml = new YAMLMapper();
        JsonNode committed = yaml.readTree(Files.readString(COMMITTED));
        assertThat(yaml.readTree(served.body()))
                .as("docs/openapi.yaml differs from the served document: review target/openapi.yaml and copy it over")
                .isEqualTo(committed);
    }

    @Test
    void theContractsExampleValidatesAgainstTheCheckRequestSchema() throws Exception {
        JsonNode example = JsonMapper.builder().build().readTree(getClass().getResourceAsStream("/api/check-request-example.json"));
        JsonNode doc = new YAMLMapper().readTree(Files.readString(COMMITTED));
        JsonNode schema = doc.at("/components/schemas/CheckRequest");
        assertThat(schema.path("properties").path("person").isMissingNode()).isFalse();
        assertThat(example.at("/stays/1/exit").isNull()).isTrue();
        assertThat(SchemaCheck.errors(doc, schema, example, "$")).isEmpty();
        JsonNode notNullable = JsonMapper.builder().build().readTree("{\"person\": null}");
        assertThat(SchemaCheck.errors(doc, schema, notNullable, "$")).containsExactly("$.person is null but not nullable");
    }
}

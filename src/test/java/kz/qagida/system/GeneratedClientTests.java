package kz.qagida.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import kz.qagida.client.ApiClient;
import kz.qagida.client.ApiException;
import kz.qagida.client.api.ChecksApi;
import kz.qagida.client.api.EvaluationsApi;
import kz.qagida.client.model.CheckRequest;
import kz.qagida.client.model.CheckResponse;
import kz.qagida.client.model.EvaluationView;
import kz.qagida.client.model.PersonInput;
import kz.qagida.client.model.Problem;
import kz.qagida.client.model.StayInput;

/**
 * A client as integrators make it: openapi-generator (Java, native HTTP client) generates it from
 * docs/openapi.yaml while the build prepares the test sources (see pom.xml), the build compiles it,
 * and here it talks to a running service.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class GeneratedClientTests {

    @LocalServerPort
    int port;

    private ApiClient client(String key) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + port);
        client.setRequestInterceptor(b -> b.header(TestKeys.HEADER, key));
        return client;
    }

    @Test
    void aGeneratedClientChecksLooksUpTheEvaluationAndReadsAProblem() throws Exception {
        CheckRequest request = new CheckRequest().asOf(LocalDate.of(2024, 3, 20))
                .person(new PersonInput().citizenship("DE"))
                .addStaysItem(new StayInput().entry(LocalDate.of(2024, 3, 1)).exit(null));
        CheckResponse answer = new ChecksApi(client(TestKeys.ALL)).check(request, "en", false);
        assertThat(answer.getEvaluationId()).isNotNull();
        assertThat(answer.getConclusions()).isNotEmpty();
        assertThat(answer.getConclusions().get(0).getCitations()).isNotEmpty();

        EvaluationView recorded = new EvaluationsApi(client(TestKeys.ALL)).evaluation(answer.getEvaluationId());
        assertThat(recorded.getEvaluationId()).isEqualTo(answer.getEvaluationId());
        assertThat(recorded.getRequest().getPerson().getCitizenship()).isEqualTo("DE");
        assertThat(recorded.getResponse().getConclusions()).hasSameSizeAs(answer.getConclusions());

        ApiException refused = catchThrowableOfType(ApiException.class, () -> new ChecksApi(client(TestKeys.ALL))
                .check(new CheckRequest().asOf(LocalDate.of(2024, 3, 20)).person(new PersonInput().citizenship("QQQQ")), "en", false));
        assertThat(refused.getCode()).isEqualTo(400);
        Problem problem = new ObjectMapper().findAndRegisterModules()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .readValue(refused.getResponseBody(), Problem.class);
        assertThat(problem.getStatus()).isEqualTo(400);
        assertThat(problem.getErrors()).anySatisfy(e -> assertThat(e.getField()).isEqualTo("person.citizenship"));
    }
}

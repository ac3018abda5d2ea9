package kz.qagida.check.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** A roster of checks in one call: one result per item, in order; a bad item has its own problem. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class BatchApiTests {

    private static final String COMPLIANT = "{\"asOf\":\"2024-03-20\",\"person\":{\"citizenship\":\"DE\"}}";
    private static final String OVERSTAY = "{\"asOf\":\"2024-04-05\",\"person\":{\"citizenship\":\"DEU\"},"
            + "\"stays\":[{\"entry\":\"2024-03-01\"}]}";

    @LocalServerPort
    int port;

    @Test
    void eachItemGetsItsResultInOrderAndBadItemsDoNotSinkTheOthers() throws Exception {
        String body = "{\"checks\":[" + String.join(",", COMPLIANT,
                "{\"person\":{\"citizenship\":\"ZZ\"}}",
                OVERSTAY,
                "{\"person\":{\"citizenship\":\"DE\"},\"stays\":[{\"entry\":\"2024-02-30\"}]}",
                "{\"person\":{}}",
                "[1,2]",
                "{\"person\":{\"citizenship\":\"DE\"},\"asOf\":\"1800-01-01\"}") + "]}";
        HttpResponse<String> response = new ApiClient(port).post("/api/v1/checks/batch", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = ApiClient.json(response).get("results");
        assertThat(results.size()).isEqualTo(7);
        for (int i = 0; i < 7; i++) {
            assertThat(results.get(i).get("index").asInt()).isEqualTo(i);
        }
        assertThat(results.at("/0/status").asInt()).isEqualTo(200);
        assertThat(results.at("/0/result/status").asString()).isEqualTo("COMPLIANT");
        assertThat(results.at("/0/result/evaluationId").asString()).matches("[0-9a-f-]{36}");
        assertThat(results.get(0).has("problem")).isFalse();
        assertThat(results.at("/2/status").asInt()).isEqualTo(200);
        assertThat(results.at("/2/result/status").asString()).isEqualTo("VIOLATION");
        assertThat(results.at("/2/result/conclusions").findValuesAsString("code")).contains("OVERSTAY");
        assertBad(results.get(1), "person.citizenship");
        assertBad(results.get(3), "stays[0].entry");
        assertBad(results.get(4), "person.citizenship");
        assertBad(results.get(5), "body");
        assertBad(results.get(6), "asOf");
    }

    private static void assertBad(JsonNode item, String field) {
        assertThat(item.get("status").asInt()).as(item.toString()).isEqualTo(400);
        assertThat(item.has("result")).isFalse();
        assertThat(item.at("/problem/status").asInt()).isEqualTo(400);
        assertThat(item.at("/problem/title").asString()).isEqualTo("Invalid request");
        assertThat(item.at("/problem/errors/0/field").asString()).as(item.toString()).isEqualTo(field);
    }

    @Test
    void aBatchOverAThousandOrWithoutChecksIsRefusedWhole() throws Exception {
        String many = "{\"checks\":[" + (COMPLIANT + ",").repeat(1001);
        HttpResponse<String> tooMany = new ApiClient(port).post("/api/v1/checks/batch", many.substring(0, many.length() - 1) + "]}");
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(ApiClient.json(tooMany).at("/errors/0/field").asString()).isEqualTo("checks");
        assertThat(ApiClient.json(tooMany).at("/errors/0/message").asString()).contains("at most 1000");
        for (String bad : new String[] {"{}", "{\"checks\":{}}", "{\"checks\":[]}", "[]", "{\"checks\":"}) {
            HttpResponse<String> response = new ApiClient(port).post("/api/v1/checks/batch", bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(ApiClient.json(response).get("errors").size()).as(bad).isPositive();
        }
    }

    @Test
    void aThousandChecksAreAnsweredInOneCall() throws Exception {
        String many = "{\"checks\":[" + (OVERSTAY + ",").repeat(1000);
        HttpResponse<String> response = new ApiClient(port).post("/api/v1/checks/batch", many.substring(0, many.length() - 1) + "]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode results = ApiClient.json(response).get("results");
        assertThat(results.size()).isEqualTo(1000);
        assertThat(results.at("/999/index").asInt()).isEqualTo(999);
        assertThat(results.at("/999/result/status").asString()).isEqualTo("VIOLATION");
    }
}

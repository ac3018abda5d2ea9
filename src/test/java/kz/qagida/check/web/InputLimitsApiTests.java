package kz.qagida.check.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import tools.jackson.databind.JsonNode;

/** Sizes and ranges a check request may not exceed, each refused with a 400 that names the field. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class InputLimitsApiTests {

    @LocalServerPort
    int port;

    private JsonNode refused(String body) throws Exception {
        HttpResponse<String> response = new ApiClient(port).post("/api/v1/checks", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        return ApiClient.json(response);
    }

    private static String person(String rest) {
        return "{\"person\":{\"citizenship\":\"DE\"}" + rest + "}";
    }

    @Test
    void datesOutsideTheYears1900To2100AreRefusedByField() throws Exception {
        JsonNode body = refused(person(",\"asOf\":\"2024-01-01\",\"stays\":[{\"entry\":\"1899-12-31\"}],"
                + "\"visa\":{\"validUntil\":\"2101-01-01\"}"));
        assertThat(body.get("errors").findValuesAsString("field")).containsExactly("stays[0].entry", "visa.validUntil");
        assertThat(body.at("/errors/0/message").asString()).contains("1899-12-31", "1900..2100");
        assertThat(refused(person(",\"asOf\":\"9999-01-01\"")).at("/errors/0/field").asString()).isEqualTo("asOf");
        assertThat(refused(person(",\"asOf\":\"+20000-01-01\"")).at("/errors/0/field").asString()).isEqualTo("asOf");
    }

    @Test
    void longStringsAreRefusedByField() throws Exception {
        String longText = "x".repeat(101);
        assertThat(refused(person(",\"visa\":{\"category\":\"" + longText + "\"}")).at("/errors/0/field").asString())
                .isEqualTo("visa.category");
        assertThat(refused(person(",\"residencePermit\":{\"purpose\":\"" + longText + "\"}")).at("/errors/0/field").asString())
                .isEqualTo("residencePermit.purpose");
        JsonNode offence = refused(person(",\"history\":{\"offences\":[\"488\",\"" + longText + "\"]}"));
        assertThat(offence.at("/errors/0/field").asString()).isEqualTo("history.offences[1]");
        assertThat(offence.at("/errors/0/message").asString()).contains("at most 100 characters");
        assertThat(refused(person(",\"requests\":{\"visaCategoryChangeTo\":\"" + longText + "\"}")).at("/errors/0/field")
                .asString()).isEqualTo("requests.visaCategoryChangeTo");
        assertThat(refused("{\"person\":{\"citizenship\":\"DEUU\"}}").at("/errors/0/field").asString())
                .isEqualTo("person.citizenship");
    }

    @Test
    void longListsAreRefusedByField() throws Exception {
        String offences = "\"488\",".repeat(101);
        JsonNode body = refused(person(",\"history\":{\"offences\":[" + offences.substring(0, offences.length() - 1) + "]}"));
        assertThat(body.at("/errors/0/field").asString()).isEqualTo("history.offences");
        assertThat(body.at("/errors/0/message").asString()).contains("at most 100 items");
        String stays = "{\"entry\":\"2020-01-01\",\"exit\":\"2020-01-02\"},".repeat(1001);
        assertThat(refused(person(",\"stays\":[" + stays.substring(0, stays.length() - 1) + "]")).at("/errors/0/field")
                .asString()).isEqualTo("stays");
    }

    @Test
    void negativeAndHugeNumbersAreRefusedByField() throws Exception {
        assertThat(refused(person(",\"host\":{\"penaltiesLast12Months\":-1}")).at("/errors/0/field").asString())
                .isEqualTo("host.penaltiesLast12Months");
        assertThat(refused(person(",\"requests\":{\"plannedEntry\":{\"days\":1000000}}")).at("/errors/0/field").asString())
                .isEqualTo("requests.plannedEntry.days");
        assertThat(refused(person(",\"requests\":{\"plannedEntry\":{\"days\":99999999999999999999}}")).at("/errors/0/field")
                .asString()).isEqualTo("requests.plannedEntry.days");
    }

    @Test
    void aFractionWhereAWholeNumberIsExpectedIsRefusedByFieldNotRounded() throws Exception {
        assertThat(refused(person(",\"host\":{\"penaltiesLast12Months\":1.5}")).at("/errors/0/field").asString())
                .isEqualTo("host.penaltiesLast12Months");
        assertThat(refused(person(",\"requests\":{\"plannedEntry\":{\"date\":\"2024-05-01\",\"days\":10.5}}"))
                .at("/errors/0/field").asString()).isEqualTo("requests.plannedEntry.days");
    }

    @Test
    void aNullInAListIsNamedWithoutInternals() throws Exception {
        JsonNode body = refused(person(",\"history\":{\"offences\":[null]}"));
        assertThat(body.at("/errors/0/field").asString()).isEqualTo("history");
        assertThat(body.toString()).doesNotContain("Exception", "kz.qagida");
    }

    @Test
    void aThousandStaysAreStillAnswered() throws Exception {
        StringBuilder stays = new StringBuilder();
        java.time.LocalDate day = java.time.LocalDate.of(2015, 1, 1);
        for (int i = 0; i < 1000; i++) {
            stays.append(i == 0 ? "" : ",").append("{\"entry\":\"").append(day).append("\",\"exit\":\"").append(day.plusDays(1))
                    .append("\"}");
            day = day.plusDays(3);
        }
        HttpResponse<String> response = new ApiClient(port).post("/api/v1/checks",
                person(",\"asOf\":\"2024-03-01\",\"stays\":[" + stays + "]"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}

package kz.qagida.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

class CheckFormTests {

    @Test
    void theFormBecomesTheApiRequestLeavingOutWhatIsEmpty() {
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("asOf", "2024-04-05");
        posted.put("person.citizenship", "DE");
        posted.put("person.passportType", "");
        posted.put("stays[0].entry", "2024-03-01");
        posted.put("stays[0].exit", "");
        posted.put("stays[1].entry", "");
        posted.put("visa.category", "");
        posted.put("work.employed", "true");
        posted.put("host.penaltiesLast12Months", "2");
        posted.put("history.offences", "488, 443-1");
        posted.put("requests.plannedEntry.date", "2024-06-01");
        posted.put("_csrf", "token");
        posted.put("unknown.field", "x");

        JsonNode json = CheckForm.toJson(posted);

        assertThat(json.toString()).isEqualTo("{\"asOf\":\"2024-04-05\",\"person\":{\"citizenship\":\"DE\"},"
                + "\"work\":{\"employed\":true},\"host\":{\"penaltiesLast12Months\":2},"
                + "\"history\":{\"offences\":[\"488\",\"443-1\"]},\"requests\":{\"plannedEntry\":{\"date\":\"2024-06-01\"}},"
                + "\"stays\":[{\"entry\":\"2024-03-01\"}]}");
    }

    @Test
    void aRequestFillsTheFormBack() {
        Map<String, String> posted = Map.of("person.citizenship", "KR", "stays[0].entry", "2024-01-01",
                "stays[0].exit", "2024-01-10", "stays[1].entry", "2024-03-01", "requests.stateServices", "A, B");
        Map<String, String> values = CheckForm.values(CheckForm.toJson(posted));

        assertThat(values).containsEntry("person.citizenship", "KR").containsEntry("stays[1].entry", "2024-03-01")
                .containsEntry("stays[0].exit", "2024-01-10").containsEntry("requests.stateServices", "A, B");
        assertThat(CheckForm.stayRows(values)).isEqualTo(2);
    }

    @Test
    void removingAStayMovesTheLaterOnesUp() {
        Map<String, String> posted = new LinkedHashMap<>();
        posted.put("stays[0].entry", "2024-01-01");
        posted.put("stays[1].entry", "2024-02-01");
        posted.put("stays[2].entry", "2024-03-01");

        Map<String, String> left = CheckForm.withoutStay(posted, 1);

        assertThat(left).containsExactly(Map.entry("stays[0].entry", "2024-01-01"), Map.entry("stays[1].entry", "2024-03-01"));
    }
}

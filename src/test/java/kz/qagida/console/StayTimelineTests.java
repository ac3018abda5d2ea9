package kz.qagida.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StayTimelineTests {

    private final JsonMapper json = JsonMapper.builder().build();

    /** Labels as "key[arguments]", so that the tests see which label was drawn with what. */
    private static String label(String key, Object[] args) {
        return key + Arrays.toString(args);
    }

    private String svg(String request, String answer) {
        return StayTimeline.svg(json.readTree(request), json.readTree(answer), StayTimelineTests::label);
    }

    private static final String GERMAN = """
            {"asOf":"2024-04-05","person":{"citizenship":"DE"},"stays":[{"entry":"2024-03-01","exit":null}]}""";
    private static final String GERMAN_ANSWER = """
            {"asOf":"2024-04-05","conclusions":[
             {"code":"OVERSTAY","facts":{"entry":"2024-03-01","lastLawfulDay":"2024-03-30","overstayDays":6}},
             {"code":"REENTRY_NOT_BEFORE","facts":{"earliestReentry":"2024-04-06"}},
             {"code":"STAY_LIMIT","facts":{"entry":"2024-03-01","lastLawfulDay":"2024-03-30","windowDays":180,"windowLimit":90}}]}""";

    @Test
    void theOverstayingGermanIsDrawnWithHisSixOverstayDaysLastLawfulDayAndEarliestReentry() {
        String svg = svg(GERMAN, GERMAN_ANSWER);

        assertThat(svg).startsWith("<svg").contains("aria-label=\"Stay timeline: ")
                .contains("timeline.overstay[6]").contains("timeline.lastLawfulDay[2024-03-30]")
                .contains("timeline.reentry[2024-04-06]").contains("timeline.window[90, 180]");
        assertThat(svg).contains("class=\"overstay\"").contains("class=\"stay\"").doesNotContain("stay planned");
        assertThat(svg).contains("<polyline class=\"used\"").contains("class=\"limit\"");
    }

    @Test
    void theOverstayBarSpansExactlyTheOverstayDays() {
        String svg = svg(GERMAN, GERMAN_ANSWER);
        double stayWidth = width(svg, "stay");
        double overstayWidth = width(svg, "overstay");
        // the stay is 36 days (1 March to 5 April), of which 6 are over
        assertThat(overstayWidth / stayWidth).isCloseTo(6 / 36.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void plannedTripsAndDeclaredDeparturesAreDashedAndNoWindowMeansNoChart() {
        String svg = svg("""
                {"person":{"citizenship":"KR"},"stays":[{"entry":"2024-03-01","exit":"2024-04-20"},
                 {"entry":"2024-06-01","exit":"2024-06-10"}],"requests":{"plannedEntry":{"date":"2024-08-01","days":5}}}""",
                """
                {"asOf":"2024-04-05","conclusions":[]}""");

        assertThat(svg).contains("aria-label=\"Stay timeline: timeline.summary[3, 2024-03-01, 2024-04-05]");
        assertThat(svg.split("stay planned", -1)).hasSize(4); // the declared departure, the booked stay, the planned entry
        assertThat(svg).doesNotContain("<polyline").doesNotContain("overstay");
    }

    @Test
    void noStaysNoTimeline() {
        assertThat(svg("{\"person\":{\"citizenship\":\"DE\"}}", "{\"asOf\":\"2024-04-05\",\"conclusions\":[]}")).isNull();
    }

    @Test
    void labelsAreEscaped() {
        String svg = StayTimeline.svg(json.readTree(GERMAN), json.readTree(GERMAN_ANSWER), (k, a) -> "<b>&\"");
        assertThat(svg).doesNotContain("<b>").contains("&lt;b&gt;&amp;&quot;");
    }

    private static double width(String svg, String cls) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<rect class=\"" + cls + "\" x=\"[^\"]+\" y=\"[^\"]+\" width=\"([^\"]+)\"").matcher(svg);
        assertThat(m.find()).as("a rect of class " + cls).isTrue();
        return Double.parseDouble(m.group(1));
    }
}

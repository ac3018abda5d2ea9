package kz.qagida.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.TestRules;

/** What a new user reads: the message of a violation states the fine in MRP and tenge. */
class PenaltyMessagesTests {

    private final CheckService service = TestRules.checkService();
    private final JsonMapper json = TestRules.json();

    private CheckResponse check(String body) {
        return service.check(json.readValue(body, CheckRequest.class), "en");
    }

    private static String message(CheckResponse r, String code) {
        return r.conclusions().stream().filter(c -> c.code().equals(code)).findFirst().orElseThrow().message();
    }

    @Test
    void aSixDayOverstayIn2024SaysFifteenMrpIs55380Tenge() {
        CheckResponse r = check("""
                {"asOf":"2024-04-05","person":{"citizenship":"DE"},"stays":[{"entry":"2024-03-01","exit":null}]}""");
        assertThat(message(r, "OVERSTAY")).isEqualTo("The stay that began on 2024-03-01 exceeded its last lawful day, "
                + "2024-03-30, by 6 day(s): a fine of 15 MRP = 55380 tenge (1 MRP = 3692 tenge).");
    }

    @Test
    void aMediumHotelsLateNotificationSaysItsFine() {
        CheckResponse r = check("""
                {"asOf":"2024-03-10","person":{"citizenship":"DE"},"stays":[{"entry":"2024-03-01","exit":null}],
                 "host":{"kind":"LEGAL_ENTITY","size":"MEDIUM","notifiedOn":"2024-03-08"}}""");
        assertThat(message(r, "HOST_NOTIFICATION_LATE")).endsWith(": a fine of 15 MRP = 55380 tenge (1 MRP = 3692 tenge).");
    }

    @Test
    void workWithoutAPermitNamesTheArrestAndExpulsionAlternatives() {
        CheckResponse r = check("""
                {"asOf":"2024-06-10","person":{"citizenship":"DE"},"work":{"employed":true}}""");
        assertThat(message(r, "WORK_NOT_PERMITTED")).endsWith("a fine of 25 MRP = 92300 tenge (1 MRP = 3692 tenge), "
                + "or administrative arrest of up to 10 days, or administrative expulsion.");
    }

    @Test
    void whenTheMrpIsUnknownTheFineIsStatedInMrpOnly() {
        CheckResponse r = check("""
                {"asOf":"2017-05-10","person":{"citizenship":"DE"},"work":{"employed":true}}""");
        assertThat(message(r, "WORK_NOT_PERMITTED")).contains("a fine of 25 MRP (the MRP in force is unknown)");
    }
}

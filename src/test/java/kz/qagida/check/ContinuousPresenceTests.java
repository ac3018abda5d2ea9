package kz.qagida.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.qagida.check.CheckRequest.PersonInput;
import kz.qagida.check.CheckRequest.StayInput;
import kz.qagida.facts.input.Booking;
import kz.qagida.facts.input.Stay;
import kz.qagida.rules.TestRules;

/** An exit and an entry on the same day are one continuous presence; stays after asOf are bookings. */
class ContinuousPresenceTests {

    private static CheckRequest request(String asOf, StayInput... stays) {
        return new CheckRequest(LocalDate.parse(asOf), new PersonInput("DE", null, null, null, null), List.of(stays),
                null, null, null, null, null, null, null, null, null);
    }

    private static StayInput stay(String entry, String exit) {
        return new StayInput(LocalDate.parse(entry), exit == null ? null : LocalDate.parse(exit), null, null);
    }

    @Test
    void anExitAndAnEntryOnTheSameDayAreOneStayFromTheFirstEntry() {
        List<Object> facts = CheckService.facts(request("2024-03-25", stay("2024-03-20", null), stay("2024-03-01", "2024-03-20")),
                LocalDate.parse("2024-03-25"));
        List<Stay> stays = facts.stream().filter(Stay.class::isInstance).map(Stay.class::cast).toList();
        assertThat(stays).hasSize(1);
        assertThat(stays.get(0).entry()).isEqualTo(LocalDate.parse("2024-03-01"));
        assertThat(stays.get(0).exit()).isNull();
        assertThat(stays.get(0).current()).isTrue();
    }

    @Test
    void aSameDayBorderRunGetsOneStayLimitCountedFromTheFirstEntry() {
        CheckResponse response = TestRules.checkService().check(
                request("2024-03-25", stay("2024-03-01", "2024-03-20"), stay("2024-03-20", null)), "en");
        List<CheckResponse.ConclusionView> limits = response.conclusions().stream()
                .filter(c -> c.code().equals("STAY_LIMIT")).toList();
        assertThat(limits).hasSize(1);
        assertThat(limits.get(0).facts()).containsEntry("lastLawfulDay", LocalDate.parse("2024-03-30"))
                .containsEntry("daysUsed", 25L);
    }

    @Test
    void aStayEnteredAfterAsOfIsABookingNotAStay() {
        List<Object> facts = CheckService.facts(request("2024-03-20", stay("2024-01-01", "2024-01-10"),
                stay("2024-04-01", "2024-04-10")), LocalDate.parse("2024-03-20"));
        assertThat(facts).filteredOn(Stay.class::isInstance).hasSize(1);
        assertThat(facts).filteredOn(Booking.class::isInstance).singleElement()
                .isEqualTo(new Booking(1, LocalDate.parse("2024-04-01"), LocalDate.parse("2024-04-10"), null, null));
    }
}

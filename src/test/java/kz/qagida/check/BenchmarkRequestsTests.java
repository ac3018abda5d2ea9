package kz.qagida.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import kz.qagida.rules.TestRules;

/** The benchmark's requests stay valid as the API's checks evolve, so its figures measure real checks. */
class BenchmarkRequestsTests {

    @Test
    void fiftyStaysAndTenBookingsGetAnAnswerForEveryBooking() {
        CheckRequest booked = TestRules.json().readValue(CheckBenchmark.withBookings(CheckBenchmark.request("DE", "2026-03-01", false),
                LocalDate.of(2026, 3, 20), 10), CheckRequest.class);
        CheckResponse answer = TestRules.checkService().check(booked, "en");
        assertThat(answer.conclusions()).filteredOn(c -> c.code().equals("PLANNED_STAY")).hasSize(10);
    }

    @Test
    void fiftyStaysWithTheLastOneOpenAreAnswered() {
        CheckRequest open = TestRules.json().readValue(CheckBenchmark.request("RU", "2026-03-01"), CheckRequest.class);
        assertThat(TestRules.checkService().check(open, "en").conclusions()).extracting(CheckResponse.ConclusionView::code)
                .contains("STAY_LIMIT");
    }
}

package kz.qagida.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkingDaysTests {

    /** Part of 2024 as FACTS-BEYOND-SEEDS.md gives it: Nauryz, the May holidays, the working Saturday. */
    private static final WorkingDays CALENDAR = new WorkingDays(List.of(new WorkingDays.Year(2024,
            Set.of(d("2024-03-08"), d("2024-03-21"), d("2024-03-22"), d("2024-03-25"), d("2024-05-01"), d("2024-05-07"),
                    d("2024-05-08"), d("2024-05-09"), d("2024-12-16")),
            Set.of(d("2024-05-04")))));

    @Test
    void arrivalOnFridayIsDayZeroSoThreeWorkingDaysEndOnWednesday() {
        assertThat(CALENDAR.nth(d("2024-03-01"), 3, 0)).isEqualTo(new WorkingDays.Result(d("2024-03-06"), null));
    }

    @Test
    void countingTheArrivalDayAsTheFirstEndsADayEarlier() {
        assertThat(CALENDAR.nth(d("2024-03-01"), 3, 1).date()).isEqualTo(d("2024-03-05"));
    }

    @Test
    void holidaysAndTheirTransferredDaysAreSkipped() {
        assertThat(CALENDAR.nth(d("2024-03-20"), 3, 0).date()).isEqualTo(d("2024-03-28"));
    }

    @Test
    void aWorkingSaturdayCountsAndTheTransferredEighthOfMayDoesNot() {
        assertThat(CALENDAR.nth(d("2024-05-03"), 3, 0).date()).isEqualTo(d("2024-05-10"));
        assertThat(CALENDAR.isWorkingDay(d("2024-05-04"))).contains(true);
        assertThat(CALENDAR.isWorkingDay(d("2024-05-08"))).contains(false);
        assertThat(CALENDAR.isWorkingDay(d("2024-05-05"))).contains(false);
    }

    @Test
    void aCountThatReachesAYearWithoutACalendarNamesTheYearInsteadOfGuessing() {
        WorkingDays.Result r = CALENDAR.nth(d("2024-12-30"), 3, 0);
        assertThat(r.known()).isFalse();
        assertThat(r.missingYear()).isEqualTo(2025);
        assertThat(CALENDAR.isWorkingDay(d("2023-06-01"))).isEmpty();
    }

    @Test
    void aYearHoldsOnlyItsOwnDatesAndIsGivenOnce() {
        assertThatThrownBy(() -> new WorkingDays.Year(2024, Set.of(d("2025-01-01")), Set.of()))
                .hasMessageContaining("not in 2024");
        WorkingDays.Year y = new WorkingDays.Year(2024, Set.of(), Set.of());
        assertThatThrownBy(() -> new WorkingDays(List.of(y, y))).hasMessageContaining("two calendars");
    }

    @Test
    void theCountAndTheStartDayNumberMustMakeSense() {
        assertThatThrownBy(() -> CALENDAR.nth(d("2024-03-01"), 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CALENDAR.nth(d("2024-03-01"), 3, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static LocalDate d(String iso) {
        return LocalDate.parse(iso);
    }
}

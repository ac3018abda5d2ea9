package kz.qagida.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class DaysTests {

    private static final LocalDate MARCH_1 = LocalDate.of(2024, 3, 1);

    @Test
    void entryAndExitDaysBothCount() {
        assertThat(Days.present(MARCH_1, LocalDate.of(2024, 3, 30))).isEqualTo(30);
        assertThat(Days.present(MARCH_1, MARCH_1)).isEqualTo(1);
    }

    @Test
    void nothingIsPresentBeforeTheFirstDay() {
        assertThat(Days.present(MARCH_1, MARCH_1.minusDays(1))).isZero();
    }

    @Test
    void lastLawfulDayOfThirtyDaysFromFirstMarchIsThirtiethMarch() {
        assertThat(Days.lastLawfulDay(MARCH_1, 30)).isEqualTo(LocalDate.of(2024, 3, 30));
    }

    @Test
    void ninetyDaysFromNewYearInALeapYearEndOnThirtiethMarch() {
        assertThat(Days.lastLawfulDay(LocalDate.of(2024, 1, 1), 90)).isEqualTo(LocalDate.of(2024, 3, 30));
        assertThat(Days.lastLawfulDay(LocalDate.of(2023, 1, 1), 90)).isEqualTo(LocalDate.of(2023, 3, 31));
    }

    @Test
    void aOneDayLimitEndsOnTheEntryDay() {
        assertThat(Days.lastLawfulDay(MARCH_1, 1)).isEqualTo(MARCH_1);
    }

    @Test
    void aLimitBelowOneDayIsRefused() {
        assertThatThrownBy(() -> Days.lastLawfulDay(MARCH_1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void presentOnFifthAprilAfterALastLawfulDayOfThirtiethMarchIsSixDaysOfOverstay() {
        assertThat(Days.overstay(LocalDate.of(2024, 3, 30), LocalDate.of(2024, 4, 5))).isEqualTo(6);
    }

    @Test
    void noOverstayOnOrBeforeTheLastLawfulDay() {
        assertThat(Days.overstay(LocalDate.of(2024, 3, 30), LocalDate.of(2024, 3, 30))).isZero();
        assertThat(Days.overstay(LocalDate.of(2024, 3, 30), LocalDate.of(2024, 3, 2))).isZero();
    }

    @Test
    void overstayCrossesAYearEnd() {
        assertThat(Days.overstay(LocalDate.of(2023, 12, 30), LocalDate.of(2024, 1, 2))).isEqualTo(3);
    }
}

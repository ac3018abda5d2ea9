package kz.qagida.facts.stay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import kz.qagida.facts.input.Stay;
import kz.qagida.facts.input.StayBasis;

class StayLimitTests {

    private static final Stay STAY = new Stay(0, LocalDate.parse("2024-03-01"), null, LocalDate.parse("2024-04-10"), true,
            StayBasis.VISA_FREE, null);

    private static LimitCandidate limit(String day, LimitedBy by) {
        return new LimitCandidate(STAY, LocalDate.parse(day), by, List.of());
    }

    @Test
    void theEarliestLimitEndsTheStay() {
        StayLimit l = StayLimit.earliest(List.of(limit("2024-05-29", LimitedBy.PER_ENTRY), limit("2024-03-30", LimitedBy.TRP_DAY),
                limit("2024-04-19", LimitedBy.WINDOW)));
        assertThat(l.lastLawfulDay()).isEqualTo(LocalDate.parse("2024-03-30"));
        assertThat(l.limitedBy()).isEqualTo(LimitedBy.TRP_DAY);
        assertThat(l.overstayDays()).isEqualTo(11);
    }

    @Test
    void onATieTheMoreSpecificLimitIsNamed() {
        assertThat(StayLimit.earliest(List.of(limit("2024-03-30", LimitedBy.PER_ENTRY), limit("2024-03-30", LimitedBy.VISA))).limitedBy())
                .isEqualTo(LimitedBy.VISA);
        assertThat(StayLimit.earliest(List.of(limit("2024-03-30", LimitedBy.WINDOW), limit("2024-03-30", LimitedBy.PER_ENTRY))).limitedBy())
                .isEqualTo(LimitedBy.PER_ENTRY);
    }

    @Test
    void aStayThatEndsOnItsLastLawfulDayHasNoOverstay() {
        assertThat(StayLimit.earliest(List.of(limit("2024-04-10", LimitedBy.PER_ENTRY))).overstayDays()).isZero();
    }
}

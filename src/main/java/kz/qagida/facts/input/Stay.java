package kz.qagida.facts.input;

import java.time.LocalDate;

/**
 * One stay in Kazakhstan as the rules see it. {@code lastPresent} is the exit, or {@code asOf}
 * when the person has not left by then; {@code current} says the person is present on {@code asOf}.
 * {@code basis} is null when the caller did not say.
 */
public record Stay(int index, LocalDate entry, LocalDate exit, LocalDate lastPresent, boolean current,
        StayBasis basis, Transport transport) {

    /** Visa-free, or of unknown basis (which the regime then decides). */
    public boolean visaFreeOrUnknown() {
        return basis == null || basis == StayBasis.VISA_FREE;
    }
}

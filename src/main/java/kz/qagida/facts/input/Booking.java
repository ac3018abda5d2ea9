package kz.qagida.facts.input;

import java.time.LocalDate;

/**
 * A planned trip: a stay whose entry is after {@code asOf}. {@code exit} is the booked departure,
 * null when not booked (the entry day alone is judged). {@code index} is the stay's position in the
 * request.
 */
public record Booking(int index, LocalDate entry, LocalDate exit, StayBasis basis, Transport transport) {

    /** The last booked day: the exit, or the entry day when no exit is booked. */
    public LocalDate lastDay() {
        return exit != null ? exit : entry;
    }

    /** Visa-free, or of unknown basis (which the regime then decides). */
    public boolean visaFreeOrUnknown() {
        return basis == null || basis == StayBasis.VISA_FREE;
    }

    public boolean onVisa() {
        return basis == StayBasis.VISA || basis == StayBasis.E_VISA;
    }
}

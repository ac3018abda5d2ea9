package kz.qagida.calendar;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * The rulebook's day conventions: the day of entry and the day of exit both count as days of
 * presence, a per-entry limit of N days ends on {@code entry + N - 1}, and overstay is counted in
 * days present after the last lawful day.
 */
public final class Days {

    private Days() {
    }

    /** Days of presence from {@code first} to {@code last}, both included; 0 when last is before first. */
    public static long present(LocalDate first, LocalDate last) {
        long days = ChronoUnit.DAYS.between(first, last) + 1;
        return Math.max(0, days);
    }

    /** The last lawful day of a stay that entered on {@code entry} with a limit of {@code limit} days per entry. */
    public static LocalDate lastLawfulDay(LocalDate entry, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("a per-entry limit must be at least one day: " + limit);
        }
        return entry.plusDays(limit - 1L);
    }

    /** Days present after the last lawful day, up to and including {@code lastPresent}; 0 when none. */
    public static long overstay(LocalDate lastLawfulDay, LocalDate lastPresent) {
        return Math.max(0, ChronoUnit.DAYS.between(lastLawfulDay, lastPresent));
    }
}

package kz.qagida.calendar;

import java.time.LocalDate;

/**
 * A limit on days of presence counted back from a day of presence D: {@code limit} days in the
 * rolling window [D - (windowDays - 1), D] ("90 in any 180", "within one year" = 365), or in the
 * calendar year of D.
 */
public record WindowLimit(Kind kind, int windowDays, int limit) {

    public enum Kind {
        ROLLING, CALENDAR_YEAR
    }

    public WindowLimit {
        if (limit < 0 || (kind == Kind.ROLLING && windowDays < 1)) {
            throw new IllegalArgumentException("bad window: " + windowDays + " days, limit " + limit);
        }
    }

    public static WindowLimit rolling(int windowDays, int limit) {
        return new WindowLimit(Kind.ROLLING, windowDays, limit);
    }

    public static WindowLimit calendarYear(int limit) {
        return new WindowLimit(Kind.CALENDAR_YEAR, 0, limit);
    }

    /** The first day of the window that ends on {@code day}. */
    public LocalDate start(LocalDate day) {
        return kind == Kind.ROLLING ? day.minusDays(windowDays - 1L) : day.withDayOfYear(1);
    }
}

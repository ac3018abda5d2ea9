package kz.qagida.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Working days in Kazakhstan: Monday to Friday, except the non-working days of the year
 * (holidays and the government's transferred days off), plus the weekend days declared working.
 * Only years for which a calendar is known can be counted; a count that reaches another year says
 * which year is missing instead of guessing.
 */
public final class WorkingDays {

    /** One year's calendar: the weekdays off and the weekend days worked. */
    public record Year(int year, Set<LocalDate> nonWorking, Set<LocalDate> working) {

        public Year {
            nonWorking = Set.copyOf(nonWorking);
            working = Set.copyOf(working);
            for (LocalDate d : nonWorking) {
                requireYear(year, d);
            }
            for (LocalDate d : working) {
                requireYear(year, d);
            }
        }

        private static void requireYear(int year, LocalDate d) {
            if (d.getYear() != year) {
                throw new IllegalArgumentException(d + " is not in " + year);
            }
        }
    }

    /** The answer to a count: the date, or the first year whose calendar is not known. */
    public record Result(LocalDate date, Integer missingYear) {

        public boolean known() {
            return date != null;
        }
    }

    private final Map<Integer, Year> years = new HashMap<>();

    public WorkingDays(Collection<Year> calendars) {
        for (Year y : calendars) {
            if (years.put(y.year(), y) != null) {
                throw new IllegalArgumentException("two calendars for " + y.year());
            }
        }
    }

    /** Whether {@code day} is a working day; empty when its year's calendar is unknown. */
    public java.util.Optional<Boolean> isWorkingDay(LocalDate day) {
        Year y = years.get(day.getYear());
        if (y == null) {
            return java.util.Optional.empty();
        }
        if (y.working().contains(day)) {
            return java.util.Optional.of(true);
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return java.util.Optional.of(!weekend && !y.nonWorking().contains(day));
    }

    /**
     * The {@code n}-th working day counted from {@code start}. With {@code startDayNumber} 0 the
     * start is day 0 and the count begins the next day (the rulebook's convention: arrival on
     * Friday 2024-03-01, 3 working days → Wednesday 2024-03-06); with 1 the start itself counts as
     * the first working day when it is one.
     */
    public Result nth(LocalDate start, int n, int startDayNumber) {
        if (n < 1) {
            throw new IllegalArgumentException("count at least one working day: " + n);
        }
        if (startDayNumber != 0 && startDayNumber != 1) {
            throw new IllegalArgumentException("the start day is day 0 or day 1, not " + startDayNumber);
        }
        LocalDate day = startDayNumber == 1 ? start : start.plusDays(1);
        int counted = 0;
        while (true) {
            java.util.Optional<Boolean> working = isWorkingDay(day);
            if (working.isEmpty()) {
                return new Result(null, day.getYear());
            }
            if (working.get() && ++counted == n) {
                return new Result(day, null);
            }
            day = day.plusDays(1);
        }
    }

}

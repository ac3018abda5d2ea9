package kz.qagida.facts.reference;

import java.time.LocalDate;
import java.util.List;

import kz.qagida.calendar.WorkingDays;
import kz.qagida.law.RuleInfo;

/**
 * Derived: the last day to act on an event ({@code event}: ARRIVAL, RESIDENCE_CHANGE,
 * MIGRATION_CARD_LOST) within the working days its term row gives, or the year whose calendar is
 * missing when the count cannot be made.
 */
public record Deadline(DutyEvent.Event event, LocalDate start, int workingDays, LocalDate due, Integer missingYear,
        RuleInfo term, RuleInfo convention) {

    /** Counts {@code workingDays} (the term row's parameter) from {@code start} over the known calendars. */
    public static Deadline count(DutyEvent.Event event, LocalDate start, RuleInfo term, DayCountRow convention,
            List<?> calendarYears) {
        int n = term.number("workingDays");
        WorkingDays calendar = new WorkingDays(calendarYears.stream().map(y -> ((CalendarYearRow) y).year()).toList());
        WorkingDays.Result r = calendar.nth(start, n, convention.startDayNumber());
        return new Deadline(event, start, n, r.date(), r.missingYear(), term, convention.row());
    }

    public boolean known() {
        return due != null;
    }
}

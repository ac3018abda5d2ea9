package kz.qagida.facts.reference;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import kz.qagida.calendar.WorkingDays;
import kz.qagida.law.RuleInfo;

/**
 * One year of the non-working-day table: the weekdays off ({@code nonWorkingDates}: holidays and
 * transferred days off) and the weekend days worked ({@code workingDates}), as ISO dates separated
 * by commas.
 */
public record CalendarYearRow(RuleInfo row, WorkingDays.Year year) {

    /**
     * Each row's dates are parsed once: every check inserts the calendars, and parsing them again
     * each time cost a tenth of a typical check. Rows are immutable, so their parse can be shared.
     */
    private static final Map<RuleInfo, CalendarYearRow> PARSED = new ConcurrentHashMap<>();
    private static final int MAX_PARSED = 1_000;

    public static CalendarYearRow of(RuleInfo row) {
        if (PARSED.size() >= MAX_PARSED) {
            PARSED.clear(); // rows of rulesets replaced by reloads
        }
        return PARSED.computeIfAbsent(row, CalendarYearRow::parse);
    }

    private static CalendarYearRow parse(RuleInfo row) {
        int year = Integer.parseInt(row.params().get("year").trim());
        return new CalendarYearRow(row, new WorkingDays.Year(year, dates(row, "nonWorkingDates"), dates(row, "workingDates")));
    }

    private static Set<LocalDate> dates(RuleInfo row, String name) {
        String text = row.params().get(name);
        if (text == null || text.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(LocalDate::parse)
                .collect(Collectors.toSet());
    }
}

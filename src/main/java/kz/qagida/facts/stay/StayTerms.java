package kz.qagida.facts.stay;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import kz.qagida.calendar.WindowLimit;
import kz.qagida.facts.entry.RegimeCandidate;
import kz.qagida.facts.entry.VisaRegime;
import kz.qagida.facts.input.Stay;
import kz.qagida.law.RuleInfo;

/**
 * Derived (ST-1, ST-2): the limits of visa-free stays on the check date: the regime's per-entry
 * limit and every window that applies (the regime's own rolling window and calendar-year limit,
 * or the general window of a {@link WindowTermRow} when the regime sets none).
 *
 * @param rows the rows that gave the terms, the regime's deciding row first
 */
public record StayTerms(VisaRegime regime, Integer maxDaysPerEntry, List<WindowLimit> windows, List<RuleInfo> rows,
        LocalDate windowsFrom) {

    public static StayTerms of(VisaRegime regime, WindowTermRow general) {
        RegimeCandidate c = regime.source();
        List<WindowLimit> windows = new ArrayList<>();
        List<RuleInfo> rows = new ArrayList<>(c.rows());
        LocalDate from = null;
        if (c.windowDays() != null && c.windowLimit() != null) {
            windows.add(WindowLimit.rolling(c.windowDays(), c.windowLimit()));
            from = latest(from, c.rows());
        } else if (general != null) {
            windows.add(WindowLimit.rolling(general.row().number("windowDays"), general.row().number("windowLimit")));
            rows.add(general.row());
            from = latest(from, List.of(general.row()));
        }
        if (c.yearLimit() != null) {
            windows.add(WindowLimit.calendarYear(c.yearLimit()));
            from = latest(from, c.rows());
        }
        return new StayTerms(regime, c.maxDaysPerEntry(), List.copyOf(windows), List.copyOf(rows), from);
    }

    private static LocalDate latest(LocalDate from, List<RuleInfo> rows) {
        for (RuleInfo row : rows) {
            LocalDate f = row.validity().from();
            if (f != null && (from == null || f.isAfter(from))) {
                from = f;
            }
        }
        return from;
    }

    /**
     * The windows that judge a stay: none for a stay that ended before the rows giving them came
     * into force (the law in force on the check date is not applied to days before it).
     */
    public List<WindowLimit> windowsFor(Stay stay) {
        return windowsFrom != null && stay.lastPresent().isBefore(windowsFrom) ? List.of() : windows;
    }

    /** The first day a window limit is judged on: the start of the rows giving them, or the dawn of time. */
    public LocalDate judgedFrom() {
        return windowsFrom != null ? windowsFrom : LocalDate.MIN.plusYears(1);
    }

    /** The rolling window reported as "the" window (the first), or null. */
    public WindowLimit rollingWindow() {
        return windows.stream().filter(w -> w.kind() == WindowLimit.Kind.ROLLING).findFirst().orElse(null);
    }

    public WindowLimit yearWindow() {
        return windows.stream().filter(w -> w.kind() == WindowLimit.Kind.CALENDAR_YEAR).findFirst().orElse(null);
    }

    /** True when a stay may lawfully last more than {@code days} days per entry. */
    public boolean allowsMoreThan(int days) {
        return maxDaysPerEntry == null || maxDaysPerEntry > days;
    }
}

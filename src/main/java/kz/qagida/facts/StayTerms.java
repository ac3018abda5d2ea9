package kz.qagida.facts;

import java.util.ArrayList;
import java.util.List;

import kz.qagida.calendar.WindowLimit;
import kz.qagida.law.RuleInfo;

/**
 * Derived (ST-1, ST-2): the limits of visa-free stays on the check date: the regime's per-entry
 * limit and every window that applies (the regime's own rolling window and calendar-year limit,
 * or the general window of a {@link WindowTerm} when the regime sets none).
 *
 * @param rows the rows that gave the terms, the regime's deciding row first
 */
public record StayTerms(VisaRegime regime, Integer maxDaysPerEntry, List<WindowLimit> windows, List<RuleInfo> rows) {

    public static StayTerms of(VisaRegime regime, WindowTerm general) {
        RegimeCandidate c = regime.source();
        List<WindowLimit> windows = new ArrayList<>();
        List<RuleInfo> rows = new ArrayList<>(c.rows());
        if (c.windowDays() != null && c.windowLimit() != null) {
            windows.add(WindowLimit.rolling(c.windowDays(), c.windowLimit()));
        } else if (general != null) {
            windows.add(WindowLimit.rolling(general.row().number("windowDays"), general.row().number("windowLimit")));
            rows.add(general.row());
        }
        if (c.yearLimit() != null) {
            windows.add(WindowLimit.calendarYear(c.yearLimit()));
        }
        return new StayTerms(regime, c.maxDaysPerEntry(), List.copyOf(windows), List.copyOf(rows));
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

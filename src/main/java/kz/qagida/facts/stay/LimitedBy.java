package kz.qagida.facts.stay;

/**
 * What ends a stay on its last lawful day, in the order that breaks a tie between limits ending on
 * the same day (the more specific first): the TRP's term, the transit limit, the visa, the TRP's
 * day (ST-3), the per-entry limit, a rolling window; YEAR (a calendar-year limit) judges bookings only.
 */
public enum LimitedBy {
    TRP_TERM, TRANSIT, VISA, TRP_DAY, PER_ENTRY, WINDOW, YEAR
}

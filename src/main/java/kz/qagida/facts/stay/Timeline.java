package kz.qagida.facts.stay;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import kz.qagida.calendar.Presence;
import kz.qagida.facts.input.Stay;
import kz.qagida.facts.input.StayBasis;

/**
 * Derived: the days the window limits count, up to the check date: every stay except those that
 * follow a TRP's term (a stay on a TRP, or a visa-free stay with a TRP while the TRP rule is in force).
 */
public record Timeline(LocalDate asOf, Presence presence, Stay current) {

    /** @param underTrp the stays that follow a TRP's term */
    public static Timeline of(LocalDate asOf, Collection<?> stays, Collection<?> underTrp) {
        Stay current = null;
        List<Presence.Interval> intervals = new java.util.ArrayList<>();
        for (Object o : stays) {
            Stay s = (Stay) o;
            if (s.current()) {
                current = s;
            }
            if (s.basis() == StayBasis.TRP || underTrp.contains(s)) {
                continue;
            }
            intervals.add(new Presence.Interval(s.entry(), s.lastPresent()));
        }
        return new Timeline(asOf, Presence.of(intervals), current);
    }

    public boolean present() {
        return current != null;
    }

    /**
     * The day the current stay ends as far as the check can tell: its declared exit (a return
     * ticket) when after {@code asOf}; else its last lawful day when later than {@code asOf}, but
     * before the first booking; else {@code asOf}. Null when the person is not present.
     */
    public LocalDate leaving(LocalDate lastLawfulDay, LocalDate firstBooking) {
        if (current == null) {
            return null;
        }
        if (current.exit() != null && current.exit().isAfter(asOf)) {
            return current.exit();
        }
        LocalDate leaving = lastLawfulDay != null && lastLawfulDay.isAfter(asOf) ? lastLawfulDay : asOf;
        if (firstBooking != null && !leaving.isBefore(firstBooking)) {
            leaving = firstBooking.minusDays(1).isAfter(asOf) ? firstBooking.minusDays(1) : asOf;
        }
        return leaving;
    }

    /** The presence with the current stay running to {@code leaving} (null: as it is). */
    public Presence through(LocalDate leaving) {
        if (current == null || leaving == null || !leaving.isAfter(current.lastPresent()) || !counted(current)) {
            return presence;
        }
        return presence.with(new Presence.Interval(current.entry(), leaving));
    }

    private boolean counted(Stay s) {
        return presence.contains(s.lastPresent());
    }
}

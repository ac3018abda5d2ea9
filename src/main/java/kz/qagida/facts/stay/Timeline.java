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
}

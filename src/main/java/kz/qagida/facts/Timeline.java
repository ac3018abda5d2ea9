package kz.qagida.facts;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import kz.qagida.calendar.Presence;

/** Derived: every day the person was in Kazakhstan up to the check date, from all stays. */
public record Timeline(LocalDate asOf, Presence presence, Stay current) {

    public static Timeline of(LocalDate asOf, Collection<?> stays) {
        Stay current = null;
        List<Presence.Interval> intervals = new java.util.ArrayList<>();
        for (Object o : stays) {
            Stay s = (Stay) o;
            intervals.add(new Presence.Interval(s.entry(), s.lastPresent()));
            if (s.current()) {
                current = s;
            }
        }
        return new Timeline(asOf, Presence.of(intervals), current);
    }

    public boolean present() {
        return current != null;
    }
}

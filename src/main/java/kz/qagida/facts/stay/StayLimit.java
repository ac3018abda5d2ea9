package kz.qagida.facts.stay;

import java.time.LocalDate;
import java.util.List;

import kz.qagida.calendar.Days;
import kz.qagida.facts.input.Stay;
import kz.qagida.law.RuleInfo;

/**
 * Derived (ST-1, ST-2, ST-3, VS-1): the last lawful day of one stay, the earliest of the limits
 * that apply to it, and what set it.
 *
 * @param rows the rows that decided it, the deciding one first
 */
public record StayLimit(Stay stay, LocalDate lastLawfulDay, LimitedBy limitedBy, List<RuleInfo> rows) {

    public static StayLimit of(LimitCandidate c) {
        return new StayLimit(c.stay(), c.lastLawfulDay(), c.limitedBy(), c.rows());
    }

    /** The limit that ends the stay first (see {@link LimitCandidate#beats}). */
    public static StayLimit earliest(List<?> candidates) {
        LimitCandidate best = null;
        for (Object o : candidates) {
            LimitCandidate c = (LimitCandidate) o;
            if (best == null || c.beats(best)) {
                best = c;
            }
        }
        return of(best);
    }

    /** Days present after the last lawful day, through the exit or the check date. */
    public long overstayDays() {
        return Days.overstay(lastLawfulDay, stay.lastPresent());
    }
}

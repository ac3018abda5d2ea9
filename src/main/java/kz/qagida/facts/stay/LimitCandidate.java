package kz.qagida.facts.stay;

import java.time.LocalDate;
import java.util.List;

import kz.qagida.facts.input.Stay;
import kz.qagida.law.RuleInfo;

/**
 * Derived: one limit on a stay (the per-entry and window limits, the TRP's day 30 or term, the
 * visa's term, the transit limit). The earliest becomes the stay's {@link StayLimit}.
 *
 */
public record LimitCandidate(Stay stay, LocalDate lastLawfulDay, LimitedBy limitedBy, List<RuleInfo> rows) {

    /** {@code first}, then {@code more}: the rows a limit rests on, the deciding one first. */
    public static List<RuleInfo> restingOn(RuleInfo first, List<RuleInfo> more) {
        List<RuleInfo> all = new java.util.ArrayList<>();
        all.add(first);
        all.addAll(more);
        return List.copyOf(all);
    }

    /** True when this limit ends the stay before the other (on a tie, the more specific limit wins). */
    public boolean beats(LimitCandidate other) {
        int byDay = lastLawfulDay.compareTo(other.lastLawfulDay);
        return byDay < 0 || (byDay == 0 && limitedBy.compareTo(other.limitedBy) < 0);
    }
}

package kz.qagida.facts;

import kz.qagida.law.RuleInfo;

/**
 * How "within N working days of an event" is counted: {@code startDayNumber} 0 makes the event's
 * day day 0 (the rulebook's convention), 1 makes it the first working day when it is one.
 */
public record DayCountConvention(RuleInfo row, int startDayNumber) {

    public static DayCountConvention of(RuleInfo row) {
        return new DayCountConvention(row, Integer.parseInt(row.params().get("startDayNumber").trim()));
    }
}

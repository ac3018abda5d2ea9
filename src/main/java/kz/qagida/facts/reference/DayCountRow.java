package kz.qagida.facts.reference;

import kz.qagida.law.RuleInfo;

/**
 * How "within N working days of an event" is counted: {@code startDayNumber} 0 makes the event's
 * day day 0 (the rulebook's convention), 1 makes it the first working day when it is one.
 */
public record DayCountRow(RuleInfo row, int startDayNumber) {

    public static DayCountRow of(RuleInfo row) {
        return new DayCountRow(row, Integer.parseInt(row.params().get("startDayNumber").trim()));
    }
}

package kz.qagida.facts;

import kz.qagida.law.RuleInfo;

/** The term row for notifying an event ({@code event}) within {@code workingDays} working days. */
public record NotificationTerm(RuleInfo row) {

    public String event() {
        return row.params().get("event");
    }
}

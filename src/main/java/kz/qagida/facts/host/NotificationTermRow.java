package kz.qagida.facts.host;

import kz.qagida.law.RuleInfo;

/** The term row for notifying an event ({@code event}) within {@code workingDays} working days. */
public record NotificationTermRow(RuleInfo row) {

    public String event() {
        return row.params().get("event");
    }
}

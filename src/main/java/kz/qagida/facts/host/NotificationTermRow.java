package kz.qagida.facts.host;

import kz.qagida.facts.reference.DutyEvent;
import kz.qagida.law.RuleInfo;

/** The term row for notifying an event ({@code event}) within {@code workingDays} working days. */
public record NotificationTermRow(RuleInfo row) {

    public DutyEvent.Event event() {
        return DutyEvent.Event.valueOf(row.params().get("event"));
    }
}

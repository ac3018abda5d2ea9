package kz.qagida.facts.host;

import java.time.LocalDate;

import kz.qagida.facts.reference.Deadline;
import kz.qagida.facts.reference.DutyEvent;

/** Derived: the host notified an event after its deadline, or had not notified it by the check date. */
public record LateNotification(DutyEvent event, Deadline deadline) {

    /** The first day of the violation: the day after the deadline. */
    public LocalDate violatedOn() {
        return deadline.due().plusDays(1);
    }

    /**
     * True when this violation came within {@code months} months after a penalty imposed on
     * {@code penaltyOn} (the repeat of HO-4).
     */
    public boolean afterPenaltyWithinMonths(LocalDate penaltyOn, int months) {
        return penaltyOn != null && penaltyOn.isBefore(violatedOn()) && !violatedOn().isAfter(penaltyOn.plusMonths(months));
    }
}

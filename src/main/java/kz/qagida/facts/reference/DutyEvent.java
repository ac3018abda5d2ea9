package kz.qagida.facts.reference;

import java.time.LocalDate;

/**
 * Derived: an event that starts a term in working days: ARRIVAL (the current or latest stay's
 * entry, HO-1), RESIDENCE_CHANGE ({@code host.residenceChangedOn}, HO-2), MIGRATION_CARD_LOST
 * ({@code requests.migrationCardLostOn}, ST-8); {@code doneOn} is when the duty was done (null: not yet).
 */
public record DutyEvent(Event event, LocalDate on, LocalDate doneOn) {

    /** The events a term in working days runs from; a term table's {@code event} column names one. */
    public enum Event {
        ARRIVAL, RESIDENCE_CHANGE, MIGRATION_CARD_LOST
    }

    /** Done after {@code due}, or not done and {@code asOf} is past {@code due}. */
    public boolean lateFor(LocalDate due, LocalDate asOf) {
        return doneOn != null ? doneOn.isAfter(due) : asOf.isAfter(due);
    }
}

package kz.qagida.facts;

import java.time.LocalDate;

import kz.qagida.calendar.Days;

/** Derived: the last lawful day of one stay under the per-entry limit of its regime (ST-1). */
public record StayLimit(Stay stay, VisaRegime regime, LocalDate lastLawfulDay) {

    public static StayLimit perEntry(Stay stay, VisaRegime regime) {
        return new StayLimit(stay, regime, Days.lastLawfulDay(stay.entry(), regime.maxDaysPerEntry()));
    }

    /** Days present after the last lawful day, through the exit or the check date. */
    public long overstayDays() {
        return Days.overstay(lastLawfulDay, stay.lastPresent());
    }
}

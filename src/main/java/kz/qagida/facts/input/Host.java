package kz.qagida.facts.input;

import java.time.LocalDate;

/**
 * The receiving person: an individual or a legal entity of some size. {@code residenceChangedOn}
 * is the day the foreigner moved to a new temporary residence (HO-2), {@code
 * residenceChangeNotifiedOn} the day the host notified it.
 */
public record Host(Kind kind, Size size, LocalDate notifiedOn, Integer penaltiesLast12Months, LocalDate lastPenaltyOn,
        LocalDate residenceChangedOn, LocalDate residenceChangeNotifiedOn) {

    public enum Kind {
        INDIVIDUAL, LEGAL_ENTITY
    }

    public enum Size {
        SMALL, MEDIUM, LARGE
    }
}

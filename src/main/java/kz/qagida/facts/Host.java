package kz.qagida.facts;

import java.time.LocalDate;

/** The receiving person: an individual or a legal entity of some size. */
public record Host(Kind kind, Size size, LocalDate notifiedOn, Integer penaltiesLast12Months, LocalDate lastPenaltyOn) {

    public Host {
        penaltiesLast12Months = penaltiesLast12Months == null ? 0 : penaltiesLast12Months;
    }

    public enum Kind {
        INDIVIDUAL, LEGAL_ENTITY
    }

    public enum Size {
        SMALL, MEDIUM, LARGE
    }
}

package kz.qagida.law;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** The period in which a rule or a table row is in force; a null end is open. */
public record Validity(LocalDate from, LocalDate to) {

    public static final Validity ALWAYS = new Validity(null, null);

    public Validity {
        if (from != null && to != null && to.isBefore(from)) {
            throw new IllegalArgumentException("validTo " + to + " is before validFrom " + from);
        }
    }

    /** Parses ISO dates; a blank text is an open end. */
    public static Validity parse(String from, String to) {
        return new Validity(date("validFrom", from), date("validTo", to));
    }

    private static LocalDate date(String name, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " '" + text + "' is not a date (yyyy-MM-dd)");
        }
    }

    public boolean contains(LocalDate day) {
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /** True when this period starts after the other one, an open start being the earliest. */
    public boolean startsAfter(Validity other) {
        if (from == null) {
            return false;
        }
        return other.from == null || from.isAfter(other.from);
    }
}

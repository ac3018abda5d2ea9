package kz.qagida.facts.input;

import java.time.LocalDate;

/** A Kazakh visa the person holds. */
public record Visa(String category, VisaEntries entries, LocalDate issued, LocalDate validUntil, Boolean electronic) {

    public enum VisaEntries {
        SINGLE, MULTIPLE
    }
}

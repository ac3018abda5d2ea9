package kz.qagida.facts.input;

import java.time.LocalDate;

/** A temporary residence permit (TRP, РВП, УТР). */
public record ResidencePermit(LocalDate issued, LocalDate validUntil, String purpose) {

    public boolean validOn(LocalDate day) {
        return (issued == null || !day.isBefore(issued)) && (validUntil == null || !day.isAfter(validUntil));
    }
}

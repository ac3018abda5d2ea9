package kz.qagida.facts;

/**
 * Derived: a stay covered by the person's TRP (or, under the legacy and 2026 regimes, the
 * registration the request gives as {@code residencePermit}).
 */
public record Registered(Stay stay, ResidencePermit permit) {
}

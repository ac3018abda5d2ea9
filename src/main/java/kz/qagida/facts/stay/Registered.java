package kz.qagida.facts.stay;

import kz.qagida.facts.input.ResidencePermit;
import kz.qagida.facts.input.Stay;

/**
 * Derived: a stay covered by the person's TRP (or, under the legacy and 2026 regimes, the
 * registration the request gives as {@code residencePermit}).
 */
public record Registered(Stay stay, ResidencePermit permit) {
}

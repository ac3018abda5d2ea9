package kz.qagida.facts.stay;

import kz.qagida.facts.input.Stay;

/** Derived: a stay exempt from the registration duty in force, and why (ST-3, ST-5). */
public record ExemptStay(Stay stay, ExemptionRow exemption) {

    public String reason() {
        return "VISA_CATEGORY".equals(exemption.reason()) ? "VISA" : exemption.reason();
    }
}

package kz.qagida.facts.entry;

/** The visa regime that governs the person on the check date: the winning {@link RegimeCandidate}. */
public record VisaRegime(RegimeCandidate source) {

    public boolean visaRequired() {
        return source.visaRequired();
    }

    public Integer maxDaysPerEntry() {
        return source.maxDaysPerEntry();
    }

    /** True when the regime sets its own rolling window (a "90 in 180" of its own). */
    public boolean ownWindow() {
        return source.windowDays() != null && source.windowLimit() != null;
    }
}

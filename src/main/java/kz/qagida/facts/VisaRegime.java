package kz.qagida.facts;

/** The visa regime that governs the person on the check date: the winning {@link RegimeCandidate}. */
public record VisaRegime(RegimeCandidate source) {

    public boolean visaRequired() {
        return source.visaRequired();
    }

    public Integer maxDaysPerEntry() {
        return source.maxDaysPerEntry();
    }
}

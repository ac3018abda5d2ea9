package kz.qagida.facts.input;

/** The exit-ban grounds of EX-1 that hold for the person. */
public record Restrictions(Boolean criminalProceedings, Boolean sentenceOrProbation, Boolean evadingCourtObligations,
        Boolean propertyObligations) {

    public Restrictions {
        criminalProceedings = Boolean.TRUE.equals(criminalProceedings);
        sentenceOrProbation = Boolean.TRUE.equals(sentenceOrProbation);
        evadingCourtObligations = Boolean.TRUE.equals(evadingCourtObligations);
        propertyObligations = Boolean.TRUE.equals(propertyObligations);
    }
}

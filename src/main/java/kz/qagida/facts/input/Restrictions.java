package kz.qagida.facts.input;

/** The exit-ban grounds of EX-1 that hold for the person. */
public record Restrictions(Boolean criminalProceedings, Boolean sentenceOrProbation, Boolean evadingCourtObligations,
        Boolean propertyObligations) {
}

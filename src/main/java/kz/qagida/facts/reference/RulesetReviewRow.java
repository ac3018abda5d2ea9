package kz.qagida.facts.reference;

import java.time.LocalDate;

import kz.qagida.law.RuleInfo;

/** The date the ruleset's data was last reviewed against the sources (a table row, RF-2). */
public record RulesetReviewRow(RuleInfo row) {

    public LocalDate reviewedOn() {
        return LocalDate.parse(row.params().get("reviewedOn"));
    }
}

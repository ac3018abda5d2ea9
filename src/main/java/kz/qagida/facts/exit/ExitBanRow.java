package kz.qagida.facts.exit;

import kz.qagida.law.RuleInfo;

/** An exit-ban ground that holds for the person (EX-1): {@code ground} and {@code until}. */
public record ExitBanRow(RuleInfo row) {

    public String ground() {
        return row.params().get("ground");
    }

    /**
     * True for the ground that does not bar exit when the person is expelled on a court decision
     * (003: a conviction, probation or deferred sentence "except in cases of his expulsion on the
     * basis of a court decision"): the row's {@code liftedByCourtExpulsion} column, or, while the
     * table has no such column, the sentence-or-probation ground.
     */
    public boolean liftedByCourtExpulsion() {
        String column = row.params().get("liftedByCourtExpulsion");
        return column != null ? Boolean.parseBoolean(column) : "SENTENCE_OR_PROBATION".equals(ground());
    }

    public String until() {
        return row.params().get("until");
    }
}

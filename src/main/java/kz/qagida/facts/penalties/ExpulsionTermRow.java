package kz.qagida.facts.penalties;

import kz.qagida.law.RuleInfo;

/** A term of the expulsion procedure (PE-7, PE-8) from its table row: {@code term} names it. */
public record ExpulsionTermRow(RuleInfo row) {

    public String term() {
        return row.params().get("term");
    }
}

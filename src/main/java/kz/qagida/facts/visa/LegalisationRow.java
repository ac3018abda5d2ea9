package kz.qagida.facts.visa;

import kz.qagida.law.RuleInfo;

/** The legalisation table row for a country: its {@code method}, APOSTILLE or CONSULAR. */
public record LegalisationRow(LegalisationAsked asked, RuleInfo row) {

    public String method() {
        return row.params().get("method");
    }
}

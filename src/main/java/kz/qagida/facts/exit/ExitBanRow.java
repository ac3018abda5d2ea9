package kz.qagida.facts.exit;

import kz.qagida.law.RuleInfo;

/** An exit-ban ground that holds for the person (EX-1): {@code ground} and {@code until}. */
public record ExitBanRow(RuleInfo row) {

    public String ground() {
        return row.params().get("ground");
    }

    public String until() {
        return row.params().get("until");
    }
}

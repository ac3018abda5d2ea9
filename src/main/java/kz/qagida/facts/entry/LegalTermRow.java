package kz.qagida.facts.entry;

import kz.qagida.law.RuleInfo;

/** A legal number a DRL rule needs (EN-5 months, EN-6 years, EN-9 days), carried by its table row. */
public record LegalTermRow(RuleInfo row) {

    public String id() {
        return row.id();
    }

    public int number(String name) {
        Integer n = row.number(name);
        if (n == null) {
            throw new IllegalStateException(row.name() + " has no " + name);
        }
        return n;
    }
}

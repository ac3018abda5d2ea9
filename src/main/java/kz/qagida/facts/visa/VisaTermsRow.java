package kz.qagida.facts.visa;

import kz.qagida.law.RuleInfo;

/**
 * The terms of the person's visa category (VS-1): {@code stayPerVisitDays} (empty: the whole
 * validity), {@code maxValidity} (ISO period such as P90D, P1Y).
 */
public record VisaTermsRow(RuleInfo row) {

    public Integer stayPerVisitDays() {
        return row.number("stayPerVisitDays");
    }
}

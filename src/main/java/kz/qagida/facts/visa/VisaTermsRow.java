package kz.qagida.facts.visa;

import kz.qagida.law.RuleInfo;

/**
 * The terms of the person's visa category (VS-1): {@code stayPerVisitDays} (empty: the whole
 * validity). How long a visa of the category may be issued for is in each row's note, not a column:
 * no rule judges the issuing.
 */
public record VisaTermsRow(RuleInfo row) {

    public Integer stayPerVisitDays() {
        return row.number("stayPerVisitDays");
    }
}

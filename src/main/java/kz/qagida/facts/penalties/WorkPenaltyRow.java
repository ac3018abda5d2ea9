package kz.qagida.facts;

import kz.qagida.law.RuleInfo;

/** The art. 517 row (PE-3) that sanctions one case of unpermitted work. */
public record WorkTerm(UnpermittedWork work, RuleInfo row) {
}

package kz.qagida.facts.penalties;

import kz.qagida.facts.stay.UnpermittedWork;
import kz.qagida.law.RuleInfo;

/** The art. 517 row (PE-3) that sanctions one case of unpermitted work. */
public record WorkPenaltyRow(UnpermittedWork work, RuleInfo row) {
}

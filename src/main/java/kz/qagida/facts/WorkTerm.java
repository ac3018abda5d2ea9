package kz.qagida.facts;

import kz.qagida.law.RuleInfo;

/** The art. 517 row for work without a permit (PE-3). */
public record WorkTerm(RuleInfo row) {
}

package kz.qagida.facts.visa;

import kz.qagida.law.RuleInfo;

/** The fee table row in force for a service asked for: {@code mrp} or {@code usd}. */
public record StateFeeRow(StateServiceAsked asked, RuleInfo row) {
}

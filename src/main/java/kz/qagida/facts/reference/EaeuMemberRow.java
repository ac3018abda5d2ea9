package kz.qagida.facts.reference;

import kz.qagida.law.RuleInfo;

/** The person's state is a member of the Eurasian Economic Union on the check date (a row of reference/eaeu-states). */
public record EaeuMemberRow(RuleInfo row) {
}

package kz.qagida.facts;

import kz.qagida.law.RuleInfo;

/** The person's country is on the simplified-visa list (EN-10): {@code categories}, {@code maxDays}. */
public record SimplifiedVisa(RuleInfo row) {
}

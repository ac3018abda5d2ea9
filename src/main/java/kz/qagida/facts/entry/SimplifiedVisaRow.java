package kz.qagida.facts.entry;

import kz.qagida.law.RuleInfo;

/** The person's country is on the simplified-visa list (EN-10): {@code categories}, {@code maxDays}. */
public record SimplifiedVisaRow(RuleInfo row) {
}

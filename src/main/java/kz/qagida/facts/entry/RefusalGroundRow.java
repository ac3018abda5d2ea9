package kz.qagida.facts.entry;

import kz.qagida.law.RuleInfo;

/** A ground on which entry may be refused that holds for the person (EN-7). */
public record RefusalGroundRow(RuleInfo row, String ground) {
}

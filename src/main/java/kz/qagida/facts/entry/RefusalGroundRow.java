package kz.qagida.facts;

import kz.qagida.law.RuleInfo;

/** A ground on which entry may be refused that holds for the person (EN-7). */
public record RefusalGround(RuleInfo row, String ground) {
}

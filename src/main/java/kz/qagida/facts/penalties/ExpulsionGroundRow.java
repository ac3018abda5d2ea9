package kz.qagida.facts.penalties;

import kz.qagida.law.RuleInfo;

/** A row of the expulsion tables that matches the person: a KoAP article charged (PE-5) or a ground of art. 28 (PE-6). */
public record ExpulsionGroundRow(RuleInfo row) {
}

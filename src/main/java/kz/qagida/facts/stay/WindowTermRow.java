package kz.qagida.facts.stay;

import kz.qagida.law.RuleInfo;

/**
 * A window limit that applies to every visa-free stay whose regime sets none of its own (ST-2):
 * the row carries {@code windowDays} and {@code windowLimit}.
 */
public record WindowTermRow(RuleInfo row) {
}

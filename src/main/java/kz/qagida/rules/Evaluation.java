package kz.qagida.rules;

import java.util.List;
import java.util.Map;

import kz.qagida.law.Conclusion;

/** What one run of the rules produced; derivations only when an explanation was asked for. */
public record Evaluation(List<Conclusion> conclusions, List<FiredRule> firedRules, Map<Conclusion, Derivation> derivations) {
}

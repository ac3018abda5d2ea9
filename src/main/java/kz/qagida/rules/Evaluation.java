package kz.qagida.rules;

import java.util.List;

import kz.qagida.law.Conclusion;

/** What one run of the rules produced. */
public record Evaluation(List<Conclusion> conclusions, List<FiredRule> firedRules) {
}

package kz.qagida.law;

/**
 * A further row a conclusion rests on, found once the conclusion exists (PE-4: the form of liability
 * its penalty takes). Rules insert it rather than change the conclusion; the evaluation adds the
 * row's citations to the conclusion's answer ({@link Conclusion#withBases}).
 */
public record AddedBasis(Conclusion conclusion, RuleInfo row) {
}

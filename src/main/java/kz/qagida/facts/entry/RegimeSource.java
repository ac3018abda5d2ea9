package kz.qagida.facts.entry;

/**
 * Where a visa regime comes from, the least specific first: seed 000's table, a unilateral list
 * (EN-2, EN-3), a bilateral treaty (EN-4). From the same date, the more specific source governs.
 */
public enum RegimeSource {
    TABLE, UNILATERAL, BILATERAL
}

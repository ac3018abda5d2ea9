package kz.qagida.facts.reference;

import kz.qagida.law.RuleInfo;

/**
 * The MRP (monthly calculation index) in force on the check date, in tenge, from the dated MRP
 * table; {@code tenge} is null when the table says the value is unknown (2017) or has no row.
 */
public record MrpRow(RuleInfo row, Integer tenge) {

    /** The value a table row states in its {@code tenge} column (empty: unknown). */
    public static MrpRow of(RuleInfo row) {
        String text = row.params().get("tenge");
        return new MrpRow(row, text == null ? null : Integer.valueOf(text.trim().replace(" ", "")));
    }

    public boolean known() {
        return tenge != null;
    }
}

package kz.qagida.facts.penalties;

import kz.qagida.facts.stay.Overstay;
import kz.qagida.law.RuleInfo;

/** A row of the art. 517 overstay tables that matches an overstay: a band (PE-1) or a repeat (PE-2). */
public record OverstayPenaltyRow(Overstay overstay, RuleInfo row, boolean repeat) {

    /** A repeat within a year after a penalty governs over the band of the days. */
    public boolean supersedes(OverstayPenaltyRow other) {
        return this != other && overstay == other.overstay && repeat && !other.repeat;
    }
}

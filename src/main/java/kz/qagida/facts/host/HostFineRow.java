package kz.qagida.facts.host;

import kz.qagida.law.RuleInfo;

/**
 * A row of the host fine table (KoAP art. 518) that matches the host's kind and size; a repeat row
 * ({@code late} set) matches one late notification that came within a year of a penalty.
 */
public record HostFineRow(RuleInfo row, LateNotification late) {

    /** True when this row governs {@code late} over {@code other}: a repeat over a first offence. */
    public boolean supersedes(HostFineRow other, LateNotification late) {
        return this.late == late && other.late == null && this != other;
    }
}

package kz.qagida.facts.entry;

import kz.qagida.facts.input.PassportType;
import kz.qagida.law.RuleInfo;

/**
 * A country's membership of a regime whose terms are set once for all its members (EN-2
 * unilateral, EN-3 14-day): the list row says who, a terms row says how long.
 */
public record RegimeMemberRow(RuleInfo row, PassportType passportType) {

    /** The rulebook id of the list the row belongs to, which terms rows match on. */
    public String program() {
        return row.id();
    }
}

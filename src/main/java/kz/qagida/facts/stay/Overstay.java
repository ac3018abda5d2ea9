package kz.qagida.facts.stay;

import java.time.LocalDate;
import java.util.List;

import kz.qagida.facts.input.Stay;
import kz.qagida.law.RuleInfo;

/**
 * Derived: a stay went on past its last lawful day by {@code days} days of presence (ST-1).
 *
 * @param rows the rows that decided the last lawful day (the limit's, the deciding one first): an
 *             overstay rests on them, and on their doubts
 */
public record Overstay(Stay stay, LocalDate lastLawfulDay, long days, List<RuleInfo> rows) {
}

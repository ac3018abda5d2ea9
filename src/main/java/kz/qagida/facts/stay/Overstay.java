package kz.qagida.facts.stay;

import java.time.LocalDate;

import kz.qagida.facts.input.Stay;

/** Derived: a stay went on past its last lawful day by {@code days} days of presence (ST-1). */
public record Overstay(Stay stay, LocalDate lastLawfulDay, long days) {
}

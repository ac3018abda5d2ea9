package kz.qagida.facts.input;

import java.time.LocalDate;

/** The one fact every evaluation has: the date the check is made for. */
public record Context(LocalDate asOf) {
}

package kz.qagida.facts.entry;

import kz.qagida.facts.input.Stay;

/** Derived: the person is in Kazakhstan on the check date, needs a visa and holds none (EN-11). */
public record PresentWithoutVisa(Stay stay) {
}

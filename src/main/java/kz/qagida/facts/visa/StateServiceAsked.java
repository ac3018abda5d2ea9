package kz.qagida.facts.visa;

/** Derived: one code of {@code requests.stateServices}, upper-cased. */
public record StateServiceAsked(String code) {
}

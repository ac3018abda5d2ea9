package kz.qagida.facts;

/** Derived: one code of {@code requests.stateServices}, upper-cased. */
public record StateServiceAsked(String code) {
}

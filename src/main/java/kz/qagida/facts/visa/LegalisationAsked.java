package kz.qagida.facts.visa;

/** Derived: {@code requests.documentFor} as an ISO alpha-2 code. */
public record LegalisationAsked(String country) {
}

package kz.qagida.facts.input;

/** A transit through Kazakhstan: whether the person holds documents for the onward country. */
public record Transit(Boolean onwardDocument) {
}

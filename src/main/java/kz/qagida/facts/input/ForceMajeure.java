package kz.qagida.facts.input;

/** The caller says the departure was delayed for reasons beyond the foreigner's control (ST-9). */
public record ForceMajeure() {
}

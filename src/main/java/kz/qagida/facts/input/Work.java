package kz.qagida.facts.input;

/** Whether the person works, and with a permit. A missing field is a "no". */
public record Work(Boolean employed, Boolean workPermit) {
}

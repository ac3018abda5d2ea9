package kz.qagida.facts.stay;

import java.time.LocalDate;

/**
 * Derived (ST-2): the day the current stay ends as far as the check can tell (see
 * {@link Timeline#leaving}); {@code day} is null when the person is not present on {@code asOf}.
 */
public record Leaving(LocalDate day) {
}

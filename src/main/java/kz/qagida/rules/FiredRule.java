package kz.qagida.rules;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One rule firing, in firing order: rulebook id, rule name, file, and the row for table rows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FiredRule(String id, String name, String file, Integer row) {
}

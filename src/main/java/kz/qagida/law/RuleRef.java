package kz.qagida.law;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The rule or table row that produced a conclusion, as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleRef(String id, String name, String file, Integer row) {
}

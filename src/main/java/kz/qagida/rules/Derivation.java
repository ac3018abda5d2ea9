package kz.qagida.rules;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * How a fact came to be: the rule or table row that inserted it, the parameters that row carries,
 * the request facts it matched, and the derivations of the derived facts it matched.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Derivation(String rule, String file, Integer row, Map<String, String> values, List<String> facts,
        List<Derivation> from) {
}

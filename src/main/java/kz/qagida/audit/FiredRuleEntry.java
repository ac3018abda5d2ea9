package kz.qagida.audit;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import kz.qagida.law.Citation;

/** One rule firing as the audit trail keeps it, in firing order: the rule and its citations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FiredRuleEntry(String id, String name, String file, Integer row, List<Citation> citations) {
}

package kz.qagida.facts;

import kz.qagida.law.RuleInfo;

/** A row of seed 002's category-change table that allows the change asked for. */
public record CategoryChangeAllowed(CategoryChange change, RuleInfo row) {
}

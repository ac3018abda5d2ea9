package kz.qagida.facts.visa;

import kz.qagida.law.RuleInfo;

/** A row of seed 002's category-change table that allows the change asked for. */
public record CategoryChangeRow(CategoryChange change, RuleInfo row) {
}

/**
 * The vocabulary rules reason over, one sub-package per area of {@code rules-drl/}: {@code input}
 * holds what the caller gives; a {@code *Row} is a decision-table row that matched; the rest are
 * facts rules derive.
 */
package kz.qagida.facts;

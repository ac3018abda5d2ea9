/**
 * Facts the caller gives: the person, the stays, the visa, the host and the other parts of a check
 * request, as the rules see them. The API has records of its own ({@code check.CheckRequest}), which
 * the check maps to these in one place; there an absent flag is false and an absent list empty.
 */
package kz.qagida.facts.input;

/** The audit trail: every evaluation recorded in a hash chain, with the rulesets that served it; query, replay, verify. */
package kz.qagida.audit;

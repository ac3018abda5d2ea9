/** Entry facts: visa-regime candidates, the regime that governs, entry terms and refusal grounds. */
package kz.qagida.facts.entry;

/** Visa facts: category terms and changes, legalisation and state fees. */
package kz.qagida.facts.visa;

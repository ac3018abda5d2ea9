/** Host facts: notification terms, late notifications and host fines. */
package kz.qagida.facts.host;

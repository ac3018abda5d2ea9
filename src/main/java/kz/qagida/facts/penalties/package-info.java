/** Penalty facts: the rows of the overstay, work and expulsion tables that match a case. */
package kz.qagida.facts.penalties;

/** Reference facts: the MRP, working-day calendars, the day-count convention, deadlines and the ruleset review. */
package kz.qagida.facts.reference;

/** Drools adapter: reads and checks the rule folders, compiles one KieBase, runs evaluations. */
package kz.qagida.rules;

/** The analysts' loop: validate a rules root, activate it, watch it, roll back, keep its history. */
package kz.qagida.ruleset;

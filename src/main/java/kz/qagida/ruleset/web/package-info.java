/** HTTP face of the analysts' loop: ruleset version, reload, validate, rollback, history, rule catalogue. */
package kz.qagida.ruleset.web;

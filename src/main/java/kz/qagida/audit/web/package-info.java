/** HTTP endpoints of the audit trail: evaluations, rule firings, replay and chain verification. */
package kz.qagida.audit.web;

/** Exit facts: the grounds on which exit is not allowed. */
package kz.qagida.facts.exit;

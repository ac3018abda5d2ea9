/** HTTP face of the ruleset: its version and files. */
package kz.qagida.rules.web;

/** HTTP face of the check use case. */
package kz.qagida.check.web;

/** HTTP access to the reference data. */
package kz.qagida.reference.web;

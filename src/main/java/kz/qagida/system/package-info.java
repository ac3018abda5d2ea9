/** Configuration, problem details and request limits. */
package kz.qagida.system;

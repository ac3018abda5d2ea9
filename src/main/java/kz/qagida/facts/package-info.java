/** The vocabulary rules reason over: facts taken from a check request and facts rules derive. */
package kz.qagida.facts;

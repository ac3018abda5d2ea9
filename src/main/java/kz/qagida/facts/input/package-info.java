/** Facts the caller gives: the person, the stays, the visa, the host and the other parts of a check request. */
package kz.qagida.facts.input;

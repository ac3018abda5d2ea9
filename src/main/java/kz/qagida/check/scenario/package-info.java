/** Analyst-written scenarios: a request in, the conclusions expected out, run through the real rules. */
package kz.qagida.check.scenario;

/** The browser console under /console: sign-in, the law, checks, rulesets and the audit trail as server-rendered pages. */
package kz.qagida.console;

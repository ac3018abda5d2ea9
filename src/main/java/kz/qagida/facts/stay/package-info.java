/** Stay facts: the limits of each stay, the windows, overstays, registration and its exemptions. */
package kz.qagida.facts.stay;

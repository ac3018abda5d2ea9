/** Day arithmetic of the rulebook's conventions: plain Java, no Spring, no Drools. */
package kz.qagida.calendar;

/** The check use case: a foreigner's facts in, conclusions with citations out. */
package kz.qagida.check;

/** Shared legal vocabulary: citations, in-force periods, conclusions and their severities. */
package kz.qagida.law;

package kz.qagida.facts.stay;

/**
 * Derived (ST-6): the person works without the right to: NO_WORK_PERMIT (003: no permit where one is
 * required) or VISA_FREE_REGIME (002: work is forbidden under the unilateral visa-free regime).
 */
public record UnpermittedWork(String reason) {
}

package kz.qagida.check;

/** The overall answer of a check, worst first (api/CONTRACT.md). */
public enum Status {
    ENTRY_DENIED, VIOLATION, ACTION_REQUIRED, COMPLIANT
}

package kz.qagida.law;

/** How a conclusion weighs, worst first. */
public enum Severity {
    VIOLATION, OBLIGATION, WARNING, INFO
}

package kz.qagida.law;

/** Whom a conclusion addresses. */
public enum Subject {
    FOREIGNER, HOST
}

package kz.qagida.facts.input;

/** On what basis a stay was made. */
public enum StayBasis {
    VISA_FREE, VISA, E_VISA, TRP, TRANSIT
}

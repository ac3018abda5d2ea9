package kz.qagida.facts.visa;

/**
 * Derived from {@code requests.visaCategoryChangeTo}: the category asked for ({@code to}) and the
 * one held ({@code from}: the visa's category, or VISA_FREE for a visa-free arrival without one).
 */
public record CategoryChange(String from, String to) {

    public static final String VISA_FREE = "VISA_FREE";

    /** The person holds a visa of some category (not a visa-free arrival). */
    public boolean fromVisa() {
        return !VISA_FREE.equals(from);
    }
}

package kz.qagida.law;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * ISO 3166-1 country codes: alpha-2 and alpha-3, any case, to alpha-2. {@code XX} (or
 * {@code UNO}) stands for the UN laissez-passer row of the visa table.
 */
public final class Countries {

    public static final String UN_LAISSEZ_PASSER = "XX";
    private static final Map<String, String> TO_ALPHA2 = new HashMap<>();

    static {
        for (String a2 : Locale.getISOCountries()) {
            TO_ALPHA2.put(a2, a2);
            TO_ALPHA2.put(new Locale("", a2).getISO3Country(), a2);
        }
        TO_ALPHA2.put(UN_LAISSEZ_PASSER, UN_LAISSEZ_PASSER);
        TO_ALPHA2.put("UNO", UN_LAISSEZ_PASSER);
    }

    private Countries() {
    }

    public static Optional<String> alpha2(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(TO_ALPHA2.get(code.trim().toUpperCase(Locale.ROOT)));
    }
}

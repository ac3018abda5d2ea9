package kz.qagida.law;

import java.util.ArrayList;
import java.util.List;

/**
 * A doubt said out loud: the sources disagree or are unclear, so the row or rule that decided a
 * conclusion chose one reading. A rule carries it as metadata ({@code @confidence("medium")},
 * {@code @interpretation("BAN_LAST_DAY")}, optionally {@code @sources("001_…txt; 002_…txt")}); a table
 * row in metadata columns of the same names. {@code chosen} and {@code alternative} are message
 * keys ({@code INTERPRETATION_<key>_CHOSEN}, {@code _ALTERNATIVE}) rendered in the answer's language.
 *
 * @param confidence high, medium or low
 */
public record Interpretation(String key, String confidence, List<String> sources) {

    /** The interpretation a rule or row carries; null when it carries none. */
    public static Interpretation of(RuleInfo info) {
        String key = info.params().get("interpretation");
        String confidence = info.params().get("confidence");
        if (key == null && confidence == null) {
            return null;
        }
        List<String> sources = new ArrayList<>();
        String listed = info.params().get("sources");
        if (listed != null) {
            for (String s : listed.split("[;,]")) {
                if (!s.isBlank()) {
                    sources.add(s.trim());
                }
            }
        } else {
            for (Citation c : info.citations()) {
                if (c.source() != null && !sources.contains(c.source())) {
                    sources.add(c.source());
                }
            }
        }
        return new Interpretation(key, confidence == null ? "medium" : confidence, List.copyOf(sources));
    }
}

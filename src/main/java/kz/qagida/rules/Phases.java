package kz.qagida.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.qagida.law.Phase;

/** Finds each salience of a rule file that is not a named phase ({@link Phase}). */
final class Phases {

    private static final Pattern SALIENCE = Pattern.compile("^[ \\t]*salience\\b[ \\t]*(.*?)[ \\t]*$", Pattern.MULTILINE);
    private static final Pattern NAMED = Pattern.compile("\\(\\s*Phase\\.([A-Z_]+)\\s*\\)");

    private Phases() {
    }

    /** The salience written otherwise than {@code (Phase.NAME)} with a known name, by line of {@code drl}. */
    static Map<Integer, String> unnamed(String drl) {
        Map<Integer, String> found = new LinkedHashMap<>();
        Matcher m = SALIENCE.matcher(drl);
        while (m.find()) {
            Matcher named = NAMED.matcher(m.group(1));
            if (!named.matches() || !Phase.all().containsKey(named.group(1))) {
                int line = 1 + (int) drl.substring(0, m.start()).chars().filter(ch -> ch == '\n').count();
                found.put(line, m.group(1));
            }
        }
        return found;
    }

    static String message(String salience) {
        return "salience " + salience + " is not a named phase: write salience (Phase.NAME) with NAME one of "
                + String.join(", ", Phase.all().keySet()) + " (docs/architecture.md, rule phases)";
    }
}

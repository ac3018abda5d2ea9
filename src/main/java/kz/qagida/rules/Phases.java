package kz.qagida.rules;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.qagida.law.Phase;

/**
 * A rule's salience is a named phase, {@code salience (Phase.DERIVE)} ({@link Phase}). Any other is
 * refused; a named one is compiled as the number it stands for, so Drools orders by a constant
 * rather than evaluating an expression on every activation.
 */
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

    /** The text with each {@code salience (Phase.NAME)} written as its number, line for line. */
    static String resolve(String drl) {
        Matcher m = SALIENCE.matcher(drl);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Matcher named = NAMED.matcher(m.group(1));
            Integer value = named.matches() ? Phase.all().get(named.group(1)) : null;
            String line = value == null ? m.group() : m.group().replace(m.group(1), String.valueOf(value));
            m.appendReplacement(out, Matcher.quoteReplacement(line));
        }
        return m.appendTail(out).toString();
    }

    static String message(String salience) {
        return "salience " + salience + " is not a named phase: write salience (Phase.NAME) with NAME one of "
                + String.join(", ", Phase.all().keySet()) + " (docs/architecture.md, rule phases)";
    }
}

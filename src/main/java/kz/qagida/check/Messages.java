package kz.qagida.check;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.qagida.law.Conclusion;

/**
 * Renders a conclusion's message from the templates in {@code messages/<language>.yaml}:
 * {@code {name}} is replaced by the conclusion's fact of that name. The language is the best
 * match of {@code Accept-Language}; English when none matches; the code itself if no text exists.
 */
final class Messages {

    static final String DEFAULT_LANGUAGE = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private Messages() {
    }

    static String language(String acceptLanguage, Map<String, Map<String, String>> available) {
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return DEFAULT_LANGUAGE;
        }
        try {
            List<Locale.LanguageRange> ranges = Locale.LanguageRange.parse(acceptLanguage);
            String match = Locale.lookupTag(ranges, available.keySet());
            return match == null ? DEFAULT_LANGUAGE : match;
        } catch (IllegalArgumentException e) {
            return DEFAULT_LANGUAGE;
        }
    }

    static String render(Conclusion c, String language, Map<String, Map<String, String>> texts) {
        String template = texts.getOrDefault(language, Map.of()).get(c.code());
        if (template == null) {
            template = texts.getOrDefault(DEFAULT_LANGUAGE, Map.of()).get(c.code());
        }
        if (template == null) {
            return c.code();
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Object value = c.facts().get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "?" : format(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String format(Object value) {
        return value instanceof LocalDate d ? d.toString() : String.valueOf(value);
    }
}

package kz.qagida.check;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.qagida.law.Conclusion;
import kz.qagida.law.Penalty;

/**
 * Renders a conclusion's message from the templates in {@code messages/<language>.yaml}:
 * {@code {name}} is replaced by the conclusion's fact of that name. The language is the best
 * match of {@code Accept-Language}; English when none matches; the code itself if no text exists.
 * {@code {penalty}} is the conclusion's penalty in words (see {@link #penalty}).
 */
final class Messages {

    static final String DEFAULT_LANGUAGE = "en";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");
    /** Templates split once: rendering by regular expression cost a tenth of a typical check. */
    private static final Map<String, String[]> PARSED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_PARSED = 10_000;

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
        String template = text(c.code(), language, texts);
        if (template.isEmpty()) {
            return c.code();
        }
        if (!template.contains("{penalty}")) {
            return fill(template, c.facts());
        }
        Map<String, Object> values = new java.util.HashMap<>(c.facts());
        values.put("penalty", c.penalty() != null ? penalty(c.penalty(), language, texts) : text("PENALTY_NONE", language, texts));
        return fill(template, values);
    }

    private static String fill(String template, Map<String, ?> values) {
        if (PARSED.size() >= MAX_PARSED) {
            PARSED.clear(); // templates of rulesets replaced by reloads
        }
        String[] parts = PARSED.computeIfAbsent(template, Messages::parse);
        StringBuilder out = new StringBuilder(template.length() + 64);
        for (int i = 0; i < parts.length; i++) {
            if (i % 2 == 0) {
                out.append(parts[i]);
            } else {
                Object value = values.get(parts[i]);
                out.append(value == null ? "?" : format(value));
            }
        }
        return out.toString();
    }

    /** A template as literal text and placeholder names, alternating: "Due {dueDate}." is ["Due ", "dueDate", "."]. */
    private static String[] parse(String template) {
        List<String> parts = new java.util.ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        int literal = 0;
        while (m.find()) {
            parts.add(template.substring(literal, m.start()));
            parts.add(m.group(1));
            literal = m.end();
        }
        parts.add(template.substring(literal));
        return parts.toArray(String[]::new);
    }

    /**
     * The penalty in words, from the templates {@code PENALTY_<KIND>} (a fine with its tenge),
     * {@code PENALTY_<KIND>_MRP_ONLY} (the MRP is unknown) and {@code PENALTY_OR_<KIND>} (each
     * alternative) of the language; empty when the language has none.
     */
    private static String penalty(Penalty p, String language, Map<String, Map<String, String>> texts) {
        Map<String, Object> values = new java.util.HashMap<>();
        values.put("mrp", p.mrp() == null ? null : p.mrp().toPlainString());
        values.put("tenge", p.tenge() == null ? null : p.tenge().toPlainString());
        values.put("mrpValue", p.mrpValue());
        values.put("maxArrestDays", p.maxArrestDays());
        values.put("article", p.article());
        String key = "PENALTY_" + p.kind() + (p.mrp() != null && p.tenge() == null ? "_MRP_ONLY" : "");
        StringBuilder text = new StringBuilder(fill(text(key, language, texts), values));
        for (Penalty.Kind alternative : p.alternatives()) {
            text.append(fill(text("PENALTY_OR_" + alternative, language, texts), values));
        }
        return text.toString();
    }

    private static String text(String key, String language, Map<String, Map<String, String>> texts) {
        String t = texts.getOrDefault(language, Map.of()).get(key);
        if (t == null) {
            t = texts.getOrDefault(DEFAULT_LANGUAGE, Map.of()).get(key);
        }
        return t == null ? "" : t;
    }

    private static String format(Object value) {
        return value instanceof LocalDate d ? d.toString() : String.valueOf(value);
    }

    /** The interpretation's readings in the language; null when there is no doubt. */
    static CheckResponse.InterpretationView interpretation(kz.qagida.law.Interpretation i, String language,
            Map<String, Map<String, String>> texts) {
        if (i == null) {
            return null;
        }
        String chosen = i.key() == null ? null : text(texts, language, "INTERPRETATION_" + i.key() + "_CHOSEN");
        String alternative = i.key() == null ? null : text(texts, language, "INTERPRETATION_" + i.key() + "_ALTERNATIVE");
        return new CheckResponse.InterpretationView(i.confidence(), chosen, alternative, i.sources());
    }

    private static String text(Map<String, Map<String, String>> texts, String language, String key) {
        String t = texts.getOrDefault(language, Map.of()).get(key);
        if (t == null) {
            t = texts.getOrDefault(DEFAULT_LANGUAGE, Map.of()).get(key);
        }
        return t == null ? key : t;
    }
}

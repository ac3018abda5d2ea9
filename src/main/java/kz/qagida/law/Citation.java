package kz.qagida.law;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference to the act (by its rulebook id), its article, paragraph, part and subparagraph, and
 * the seed file it was taken from.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Citation(String act, String article, String paragraph, String part, String subparagraph,
        String source) {

    private static final Pattern ACT = Pattern.compile("[A-Z][A-Z0-9_]*(:[A-Z]{2})?");
    private static final Pattern PIECE = Pattern.compile(
            "(art\\.|para\\.|part|subpara\\.)\\s*([^\\s,;]+(?:\\s*[-–]\\s*[^\\s,;]+)?)");

    /**
     * Parses the metadata notation used in rules and tables: {@code ACT [art. N] [para. N] [part N]
     * [subpara. N]}, several separated by {@code ;}. Example: {@code RULES_148 para. 17; TREATY:TR}.
     *
     * @throws IllegalArgumentException naming the fragment that does not parse
     */
    public static List<Citation> parseAll(String text, String source) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("citation is empty");
        }
        List<Citation> result = new ArrayList<>();
        for (String one : text.split(";")) {
            result.add(parse(one.trim(), source));
        }
        return List.copyOf(result);
    }

    static Citation parse(String text, String source) {
        String[] headAndRest = text.split("\\s+", 2);
        String act = headAndRest[0];
        if (!ACT.matcher(act).matches()) {
            throw new IllegalArgumentException("citation '" + text + "' does not start with an act id such as RULES_148");
        }
        String article = null, paragraph = null, part = null, subparagraph = null;
        if (headAndRest.length > 1) {
            String rest = headAndRest[1].trim();
            Matcher m = PIECE.matcher(rest);
            int consumed = 0;
            while (m.find()) {
                if (!rest.substring(consumed, m.start()).isBlank()) {
                    throw new IllegalArgumentException("citation '" + text + "': cannot read '" + rest.substring(consumed, m.start()).trim() + "'");
                }
                String value = m.group(2).replaceAll("\\s", "");
                switch (m.group(1)) {
                    case "art." -> article = value;
                    case "para." -> paragraph = value;
                    case "part" -> part = value;
                    default -> subparagraph = value;
                }
                consumed = m.end();
            }
            if (!rest.substring(consumed).replace(",", "").isBlank()) {
                throw new IllegalArgumentException("citation '" + text + "': cannot read '" + rest.substring(consumed).trim()
                        + "' (use art. N, para. N, part N, subpara. N)");
            }
        }
        return new Citation(act, article, paragraph, part, subparagraph, source);
    }
}

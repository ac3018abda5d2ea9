package kz.qagida.facts.entry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.qagida.facts.input.PassportType;
import kz.qagida.law.RuleInfo;

/**
 * A visa regime that one source gives for the person's citizenship and passport type. Several
 * sources may speak; {@link #supersedes} picks the one that governs (the later source, per the
 * rulebook's "Time and conflicting sources").
 *
 * @param rows the deciding row first, then any row that supplied its terms
 * @param regime where the regime comes from
 */
public record RegimeCandidate(List<RuleInfo> rows, PassportType passportType, RegimeSource regime, boolean visaRequired,
        Integer maxDaysPerEntry, Integer windowDays, Integer windowLimit, Integer yearLimit) {

    private static final Pattern DAYS = Pattern.compile("без виз до (\\d+) дней");
    private static final Map<String, Integer> CELL_DAYS = new ConcurrentHashMap<>();
    private static final int VISA = -1;
    private static final int NO_FIGURE = 0;

    /**
     * A cell of seed 000's table: "виза" (visa required), "без виз до N дней" (visa-free up to N
     * days per entry) or "без виз" (visa-free with no figure: the row's {@code unspecifiedDays}).
     */
    public static RegimeCandidate table(RuleInfo row, PassportType type, String cell) {
        int days = CELL_DAYS.computeIfAbsent(cell, RegimeCandidate::cellDays);
        if (days == VISA) {
            return new RegimeCandidate(List.of(row), type, RegimeSource.TABLE, true, null, null, null, null);
        }
        Integer perEntry = days == NO_FIGURE ? row.number("unspecifiedDays") : Integer.valueOf(days);
        if (perEntry == null) {
            throw new IllegalStateException(row.name() + ": \"" + cell + "\" gives no figure and the row has no unspecifiedDays");
        }
        return new RegimeCandidate(List.of(row), type, RegimeSource.TABLE, false, perEntry, row.number("windowDays"),
                row.number("windowLimit"), row.number("yearLimit"));
    }

    static int cellDays(String cell) {
        String text = cell.trim().toLowerCase(java.util.Locale.ROOT);
        if (text.equals("виза")) {
            return VISA;
        }
        if (text.equals("без виз")) {
            return NO_FIGURE;
        }
        Matcher m = DAYS.matcher(text);
        if (m.matches()) {
            return Integer.parseInt(m.group(1));
        }
        throw new IllegalArgumentException("visa table cell \"" + cell + "\" is not \"виза\", \"без виз\" or \"без виз до N дней\"");
    }

    /** A row that carries its own terms (EN-4 bilateral treaties). */
    public static RegimeCandidate bilateral(RuleInfo row, PassportType type) {
        return new RegimeCandidate(List.of(row), type, RegimeSource.BILATERAL, false, row.number("maxDaysPerEntry"),
                row.number("windowDays"), row.number("windowLimit"), row.number("yearLimit"));
    }

    /** A list member (EN-2, EN-3) with the terms row in force for its list. */
    public static RegimeCandidate member(RegimeMemberRow member, RuleInfo terms) {
        return new RegimeCandidate(List.of(member.row(), terms), member.passportType(), RegimeSource.UNILATERAL, false,
                terms.number("maxDaysPerEntry"), terms.number("windowDays"), terms.number("windowLimit"),
                terms.number("yearLimit"));
    }

    public RuleInfo row() {
        return rows.get(0);
    }

    /**
     * True when this candidate governs over the other: its source is in force from a later date,
     * or from the same date and is more specific (a treaty over a list over the old table).
     */
    public boolean supersedes(RegimeCandidate other) {
        if (row().validity().startsAfter(other.row().validity())) {
            return true;
        }
        if (other.row().validity().startsAfter(row().validity())) {
            return false;
        }
        int bySpecificity = regime.compareTo(other.regime);
        return bySpecificity != 0 ? bySpecificity > 0 : row().name().compareTo(other.row().name()) < 0;
    }
}

package kz.qagida.ruleset;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.law.RuleInfo;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.Derivation;
import kz.qagida.rules.RuleBase;

/**
 * Every row proven (libphonenumber's rule: every datum has a checked example). For each row of
 * every decision table, a request that selects the row is derived from the row's own condition and
 * metadata, on a date inside its period of force; it runs through the real rule base, and the row
 * must fire and decide (or be part of the derivation of) a conclusion. A row that cannot be selected
 * on its own is listed in {@link #NOT_ALONE} with the reason; any other row that is not proven is a
 * failure. The activation gate and RowProofTests both run it.
 */
public final class RowProof {

    /** The outcome: rows proven, rows listed as not selectable alone (name: reason), failures. */
    public record Result(List<String> proven, Map<String, String> listed, List<String> failures) {

        public int rows() {
            return proven.size() + listed.size() + failures.size();
        }
    }

    /**
     * Rows that cannot be selected on their own, by a pattern on the row's name, with the reason.
     * Keep each reason specific: it is what an analyst reads when a row is not proven.
     */
    static final Map<Pattern, String> NOT_ALONE = new LinkedHashMap<>();

    static {
        NOT_ALONE.put(Pattern.compile("EN-10 .*"), "the simplified visa answers only a person who needs a visa; a row whose"
                + " country is visa-free on every day the row is in force (the unilateral list of 002 holds most of"
                + " them) can fire but never decide, and is proven only where the country needs a visa");
    }


    private RowProof() {
    }

    public static Result prove(RuleBase base, JsonMapper json, java.time.Clock clock) {
        CheckService service = new CheckService(new ActiveRuleBase(base), clock);
        List<String> proven = new ArrayList<>();
        Map<String, String> listed = new LinkedHashMap<>();
        List<String> failures = new ArrayList<>();
        for (RuleInfo row : base.catalog()) {
            if (row.row() == null) {
                continue;
            }
            String when = base.conditions().getOrDefault(row.name(), "");
            String problem = null;
            for (LocalDate asOf : dates(row)) {
                try {
                    ObjectNode request = RowRequests.request(json, row, when, asOf);
                    CheckRequest check = json.treeToValue(request, CheckRequest.class);
                    boolean annotates = base.consequences().getOrDefault(row.name(), "").contains(".basedOn(")
                            || base.consequences().getOrDefault(row.name(), "").contains("AddedBasis");
                    // the derivation is costly: asked for only when no conclusion names the row itself
                    boolean decided = decides(service.check(check, "en", base, false), row, annotates)
                            || decides(service.check(check, "en", base, true), row, annotates);
                    problem = decided ? null : "no conclusion is decided by it for " + request;
                } catch (RuntimeException e) {
                    problem = "the derived request failed: " + e;
                }
                if (problem == null) {
                    break;
                }
            }
            if (problem == null) {
                proven.add(row.name());
            } else if (reason(row.name()) != null) {
                listed.put(row.name(), reason(row.name()));
            } else {
                failures.add(row.file() + " row " + row.row() + " \"" + row.name() + "\": " + problem);
            }
        }
        return new Result(proven, listed, failures);
    }

    private static String reason(String name) {
        for (Map.Entry<Pattern, String> e : NOT_ALONE.entrySet()) {
            if (e.getKey().matcher(name).matches()) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * The row fired, and a conclusion is attributed to it, has it in its derivation, or (for a row
     * that annotates a conclusion, such as a form of liability) carries all its citations.
     */
    private static boolean decides(CheckResponse response, RuleInfo row, boolean annotates) {
        String name = row.name();
        if (response.firedRules().stream().noneMatch(f -> name.equals(f.name()))) {
            return false;
        }
        for (CheckResponse.ConclusionView c : response.conclusions()) {
            if (name.equals(c.rule().name()) || mentions(c.explanation(), name)
                    || (annotates && !row.citations().isEmpty() && c.citations().containsAll(row.citations()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentions(Derivation d, String name) {
        if (d == null) {
            return false;
        }
        if (name.equals(d.rule())) {
            return true;
        }
        for (Derivation from : d.from() == null ? List.<Derivation>of() : d.from()) {
            if (mentions(from, name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Dates inside the row's period of force to try, in order: soon after it starts, its middle,
     * shortly before it ends (the visa table of 000 speaks for 2019-2022; a calendar row for its year).
     */
    static List<LocalDate> dates(RuleInfo row) {
        LocalDate from = row.validity().from();
        LocalDate to = row.validity().to();
        if (row.params().containsKey("year")) {
            return List.of(LocalDate.of(Integer.parseInt(row.params().get("year")), 6, 14));
        }
        List<LocalDate> dates = new ArrayList<>();
        if (from != null && to != null) {
            LocalDate d = from.plusDays(45);
            dates.add(d.isAfter(to) ? from : d);
            dates.add(from.plusDays(java.time.temporal.ChronoUnit.DAYS.between(from, to) / 2));
            dates.add(to.minusDays(45).isBefore(from) ? to : to.minusDays(45));
        } else if (from != null) {
            dates.add(from.plusDays(45));
        } else if (to != null) {
            dates.add(to.minusDays(45));
        } else {
            dates.add(row.file().contains("visa-regimes-000") ? LocalDate.of(2021, 6, 14) : LocalDate.of(2024, 6, 14));
        }
        return dates;
    }
}

package kz.qagida.ruleset;

import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import kz.qagida.law.RuleInfo;

/**
 * Derives, from a table row's condition (as generated) and metadata, a check request that selects
 * the row on a given date ({@link RowProof}).
 */
final class RowRequests {

    private static final Pattern CITIZENSHIP = Pattern.compile("citizenship == \"([A-Z]{2})\"");
    private static final Pattern EQ_STRING = Pattern.compile("(\\w+) == \"([^\"]+)\"");
    private static final Pattern EQ_ENUM = Pattern.compile("(\\w+) == [\\w.]*\\.(\\w+)\\b");
    private static final Pattern IS_TRUE = Pattern.compile("(\\w+) == true");
    private static final Pattern CONTAINS = Pattern.compile("(\\w+) contains \"([^\"]+)\"");
    private static final Pattern MIN_DAYS = Pattern.compile("days >= (\\d+)");

    private RowRequests() {
    }

    /** The request that selects the row: a German present on the date, changed by what the row's condition asks. */
    static ObjectNode request(JsonMapper json, RuleInfo row, String when, LocalDate asOf) {
        ObjectNode r = json.createObjectNode();
        r.put("asOf", asOf.toString());
        ObjectNode person = r.putObject("person");
        Matcher c = CITIZENSHIP.matcher(when);
        person.put("citizenship", c.find() ? c.group(1) : "DE");
        ArrayNode stays = r.putArray("stays");
        ObjectNode stay = stays.addObject();
        stay.put("entry", asOf.minusDays(2).toString());
        Map<String, String> p = row.params();
        if (when.contains("History(")) {
            ObjectNode history = r.putObject("history");
            booleans(when, "History", history);
            lists(when, history);
            if (when.contains("hasExpulsionDecision")) {
                history.put("expulsionDecisionOn", asOf.minusDays(3).toString());
                history.put("expulsionLeaveBy", asOf.plusDays(10).toString());
            }
            if (when.contains("hasPreventiveRestriction")) {
                history.put("expulsionDecisionOn", asOf.minusDays(20).toString());
                history.put("preventiveRestrictionFrom", asOf.minusDays(3).toString());
            }
            if (when.contains("overstayPenaltyWithinMonths")) {
                history.put("lastOverstayPenaltyOn", asOf.minusDays(100).toString());
            }
        }
        if (when.contains("Restrictions(")) {
            booleans(when, "Restrictions", r.putObject("restrictions"));
        }
        if (when.contains("Overstay(") || when.contains("Penalty.forms") || row.file().endsWith("/mrp.drl.xlsx")) {
            overstay(stay, asOf, overstayDays(when));
        }
        if (when.contains("Penalty.forms(penalty) contains \"ARREST\"") || when.contains("UnpermittedWork(")) {
            ObjectNode work = r.putObject("work");
            work.put("employed", true);
            work.put("workPermit", when.contains("VISA_FREE_REGIME"));
            stay.put("basis", "VISA_FREE");
        }
        if (row.file().endsWith("/eaeu-states.drl.xlsx")) {
            // membership matters to a citizen employed without a work permit
            ObjectNode work = r.putObject("work");
            work.put("employed", true);
            work.put("workPermit", false);
        }
        if (when.contains("Host(")) {
            host(r, when, asOf);
            if (!when.contains("penaltiesLast12Months >=")) {
                // an arrival 20 days ago that the host never notified: the host's liability
                stay.put("entry", asOf.minusDays(20).toString());
            }
        }
        if (when.contains("DutyEvent(") || p.containsKey("startDayNumber") || p.containsKey("year")) {
            duty(r, stay, when, asOf);
        }
        if (when.contains("Visa(")) {
            visa(r, stay, when, asOf);
        }
        if (when.contains("CategoryChange(")) {
            categoryChange(r, person, stay, when, asOf);
        }
        Matcher m = Pattern.compile("LegalisationAsked\\(country == \"(\\w+)\"").matcher(when);
        if (m.find()) {
            r.putObject("requests").put("documentFor", m.group(1));
        }
        m = Pattern.compile("StateServiceAsked\\(code == \"(\\w+)\"").matcher(when);
        if (m.find()) {
            r.putObject("requests").putArray("stateServices").add(m.group(1));
        }
        m = Pattern.compile("RegimeMemberRow\\(program == \"(EN-\\d+)\"").matcher(when);
        if (m.find()) {
            person.put("citizenship", m.group(1).equals("EN-3") ? "IN" : "DE");
        }
        if (when.contains("Requests(plannedEntry != null)")) {
            ObjectNode plan = r.putObject("requests").putObject("plannedEntry");
            plan.put("date", asOf.plusDays(10).toString());
            plan.put("days", 5);
        }
        contextOnly(r, person, stay, p, asOf);
        return r;
    }

    /** Rows whose condition is only the context: their metadata says what they are about. */
    private static void contextOnly(ObjectNode r, ObjectNode person, ObjectNode stay, Map<String, String> p, LocalDate asOf) {
        if (p.containsKey("monthsBeforePassportExpiry")) {
            person.put("passportExpiry", asOf.plusDays(60).toString());
            ObjectNode visa = r.putObject("visa");
            visa.put("category", "B12");
            visa.put("issued", asOf.minusDays(10).toString());
            visa.put("validUntil", asOf.plusDays(50).toString());
        }
        if (p.containsKey("banYears")) {
            r.putObject("history").put("expulsionDecisionOn", asOf.minusYears(1).toString());
        }
        if ("5".equals(p.get("maxDays")) && !p.containsKey("categories")) {
            stay.put("entry", asOf.minusDays(8).toString());
            stay.put("basis", "TRANSIT");
            r.putObject("transit").put("onwardDocument", true);
        }
        if (p.containsKey("dueDays")) {
            // on the last day of the duty; a Russian may stay 90 days, so a 30-day duty applies to him
            stay.put("entry", asOf.minusDays(Integer.parseInt(p.get("dueDays")) - 1L).toString());
            if ("true".equals(p.get("capsStay"))) {
                person.put("citizenship", "RU");
            }
        }
        String reason = p.get("reason");
        if ("VISA".equals(reason)) {
            stay.put("basis", "VISA");
            ObjectNode visa = r.putObject("visa");
            visa.put("category", "B10");
            visa.put("issued", asOf.minusDays(40).toString());
            visa.put("validUntil", asOf.plusDays(40).toString());
            stay.put("entry", asOf.minusDays(35).toString());
        } else if ("DIPLOMATIC_OR_SERVICE_PASSPORT".equals(reason)) {
            person.put("passportType", "DIPLOMATIC");
            stay.put("entry", asOf.minusDays(35).toString());
        } else if ("UNDER_16".equals(reason)) {
            person.put("birthDate", asOf.minusYears(10).toString());
            stay.put("entry", asOf.minusDays(35).toString());
        } else if ("VISA_CATEGORY".equals(reason)) {
            stay.put("basis", "VISA");
            ObjectNode visa = r.putObject("visa");
            visa.put("category", p.get("visaCategories").split(",")[0].trim());
            visa.put("issued", asOf.minusDays(40).toString());
            visa.put("validUntil", asOf.plusDays(40).toString());
            stay.put("entry", asOf.minusDays(10).toString());
        }
        if (p.containsKey("reviewedOn")) {
            r.put("asOf", LocalDate.parse(p.get("reviewedOn")).plusDays(1).toString());
        }
    }

    private static void booleans(String when, String type, ObjectNode into) {
        Matcher pattern = Pattern.compile(type + "\\(([^)]*)\\)").matcher(when);
        while (pattern.find()) {
            Matcher t = IS_TRUE.matcher(pattern.group(1));
            while (t.find()) {
                into.put(t.group(1), true);
            }
        }
    }

    private static void lists(String when, ObjectNode into) {
        Matcher m = CONTAINS.matcher(when);
        while (m.find()) {
            if (!m.group(1).equals("forms")) {
                into.putArray(m.group(1)).add(m.group(2));
            }
        }
    }

    private static int overstayDays(String when) {
        Matcher m = MIN_DAYS.matcher(when);
        if (m.find()) {
            return Math.max(1, Integer.parseInt(m.group(1)));
        }
        if (when.contains("\"WARNING\"")) {
            return 1;
        }
        if (when.contains("\"EXPULSION\"")) {
            return 11;
        }
        return 5;
    }

    /** A stay entered so that, 30 days a visit, {@code days} days are overstayed on {@code asOf}. */
    private static void overstay(ObjectNode stay, LocalDate asOf, int days) {
        stay.put("entry", asOf.minusDays(29L + days).toString());
        stay.put("basis", "VISA_FREE");
    }

    private static void host(ObjectNode r, String when, LocalDate asOf) {
        ObjectNode host = r.putObject("host");
        Matcher m = EQ_ENUM.matcher(when.substring(when.indexOf("Host(")));
        while (m.find()) {
            host.put(m.group(1), m.group(2));
        }
        if (!host.has("kind")) {
            host.put("kind", "LEGAL_ENTITY");
            host.put("size", "SMALL");
        }
        Matcher count = Pattern.compile("penaltiesLast12Months >= (\\d+)").matcher(when);
        if (count.find()) {
            host.put("penaltiesLast12Months", Integer.parseInt(count.group(1)));
        }
        if (when.contains("afterPenaltyWithinMonths")) {
            host.put("penaltiesLast12Months", 1);
            host.put("lastPenaltyOn", asOf.minusDays(60).toString());
        }
    }

    /** An event with a term in working days: an arrival (the default), a change of residence, a lost card. */
    private static void duty(ObjectNode r, ObjectNode stay, String when, LocalDate asOf) {
        stay.put("entry", asOf.minusDays(20).toString());
        ObjectNode host = r.has("host") ? (ObjectNode) r.get("host") : r.putObject("host");
        if (!host.has("kind")) {
            host.put("kind", "LEGAL_ENTITY");
            host.put("size", "SMALL");
        }
        if (when.contains("RESIDENCE_CHANGE")) {
            host.put("notifiedOn", asOf.minusDays(19).toString());
            host.put("residenceChangedOn", asOf.minusDays(1).toString());
        } else if (when.contains("MIGRATION_CARD_LOST")) {
            host.put("notifiedOn", asOf.minusDays(19).toString());
            ((ObjectNode) (r.has("requests") ? r.get("requests") : r.putObject("requests")))
                    .put("migrationCardLostOn", asOf.minusDays(1).toString());
        } else {
            stay.put("entry", asOf.minusDays(1).toString());
        }
    }

    private static void visa(ObjectNode r, ObjectNode stay, String when, LocalDate asOf) {
        String inside = when.substring(when.indexOf("Visa("));
        ObjectNode visa = r.putObject("visa");
        Matcher s = EQ_STRING.matcher(inside);
        while (s.find()) {
            visa.put(s.group(1), s.group(2));
        }
        Matcher e = EQ_ENUM.matcher(inside);
        while (e.find()) {
            visa.put(e.group(1), e.group(2));
        }
        visa.put("electronic", inside.contains("electronic == true"));
        visa.put("issued", asOf.minusDays(10).toString());
        visa.put("validUntil", asOf.plusDays(300).toString());
        stay.put("entry", asOf.minusDays(5).toString());
        stay.put("basis", inside.contains("electronic == true") ? "E_VISA" : "VISA");
        stay.put("transport", "AIR");
    }

    private static void categoryChange(ObjectNode r, ObjectNode person, ObjectNode stay, String when, LocalDate asOf) {
        Matcher to = Pattern.compile("to == \"(\\w+)\"").matcher(when);
        Matcher from = Pattern.compile("from == \"(\\w+)\"").matcher(when);
        ObjectNode requests = r.has("requests") ? (ObjectNode) r.get("requests") : r.putObject("requests");
        if (to.find()) {
            requests.put("visaCategoryChangeTo", to.group(1));
        }
        String fromCategory = from.find() ? from.group(1) : when.contains("fromVisa()") ? "B12" : null;
        if (fromCategory != null && !fromCategory.equals("VISA_FREE")) {
            ObjectNode visa = r.putObject("visa");
            visa.put("category", fromCategory);
            visa.put("issued", asOf.minusDays(10).toString());
            visa.put("validUntil", asOf.plusDays(60).toString());
            stay.put("basis", "VISA");
        } else {
            stay.put("basis", "VISA_FREE");
        }
        if (when.contains("ethnicKazakh == true")) {
            person.put("ethnicKazakh", true);
        }
    }
}

package kz.qagida.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * Writes the type tag ({@code [days]}, {@code [date]}, {@code [enum A|B]} ...) at the end of the
 * label of every value column of every decision table under {@code decision-tables/}. Only label
 * cells change; a label that already ends in a tag gets the tag decided here. A column no decision
 * below covers stops the program (nothing written) and is named, so a new column gets a type on
 * purpose. A table whose cells do not all hold their new types is not written either.
 *
 * <p>Re-runnable: {@code ./mvnw -q -o test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=kz.qagida.rules.TagColumnTypes} (argument: the rules root, default the current
 * folder). It prints one line per table it changed.
 */
public final class TagColumnTypes {

    private static final Pattern TAG = Pattern.compile("\\s*\\[\\s*[a-z]+(?:\\s+[^\\]]*)?\\s*]\\s*$");
    private static final Pattern METADATA_KEY = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]*)\\s*\\(");
    private static final Set<String> KEYWORDS = Set.of("CONDITION", "ACTION", "METADATA");

    private static final String PASSPORT = "[enum ORDINARY|DIPLOMATIC|SERVICE]";
    private static final String PENALTY_KIND = "[enum WARNING|FINE|ARREST|EXPULSION]";
    private static final String DUTY_EVENT = "[enum ARRIVAL|RESIDENCE_CHANGE|MIGRATION_CARD_LOST]";
    private static final String EXPULSION_GROUND =
            "[enum STATE_SECURITY_OR_PUBLIC_ORDER|HEALTH_MORALITY_OR_RIGHTS|BREACH_OF_LAW|SHAM_MARRIAGE]";
    /** Seed 000's cells: "виза" (also capitalised in the seed), "без виз", "без виз до N дней". */
    private static final String SEED_000_REGIME = "[enum виза|Виза|без виз|без виз до 14 дней|без виз до 30 дней|без виз до 90 дней]";

    /** Metadata columns, by key: the same key has the same type in every table. */
    private static final Map<String, String> BY_KEY = Map.ofEntries(
            Map.entry("id", "[text]"),
            Map.entry("citation", "[text]"),
            Map.entry("source", "[text]"),
            Map.entry("note", "[text]"),
            Map.entry("validFrom", "[date]"),
            Map.entry("validTo", "[date]"),
            Map.entry("confidence", "[enum high|medium|low]"),
            Map.entry("interpretation", "[text]"),
            // whole days
            Map.entry("maxDaysPerEntry", "[days]"),
            Map.entry("windowLimit", "[days]"),
            Map.entry("windowDays", "[days]"),
            Map.entry("yearLimit", "[days]"),
            Map.entry("maxDays", "[days]"),
            Map.entry("unspecifiedDays", "[days]"),
            Map.entry("workingDays", "[days]"),
            Map.entry("appealDays", "[days]"),
            Map.entry("maxRestrictionDays", "[days]"),
            Map.entry("maxArrestDays", "[days]"),
            Map.entry("dueDays", "[days]"),
            Map.entry("stayPerVisitDays", "[days]"),
            // other whole numbers
            Map.entry("monthsBeforePassportExpiry", "[whole]"),
            Map.entry("banYears", "[whole]"),
            Map.entry("blockMonths", "[whole]"),
            Map.entry("ageLimit", "[whole]"),
            Map.entry("year", "[whole]"),
            Map.entry("startDayNumber", "[enum 0|1]"),
            // money
            Map.entry("mrp", "[mrp]"),
            Map.entry("tenge", "[number]"),
            Map.entry("usd", "[number]"),
            // dates
            Map.entry("capsStaysFrom", "[date]"),
            Map.entry("reviewedOn", "[date]"),
            Map.entry("nonWorkingDates", "[dates]"),
            Map.entry("workingDates", "[dates]"),
            // booleans
            Map.entry("capsStay", "[boolean]"),
            // codes
            Map.entry("penaltyKind", PENALTY_KIND),
            Map.entry("alternatives", "[text]"),
            Map.entry("event", DUTY_EVENT),
            Map.entry("kind", "[enum LEGACY|ONLINE|TRP]"),
            Map.entry("code", "[enum REGISTRATION_REQUIRED|TRP_REQUIRED]"),
            Map.entry("reason", "[enum VISA|DIPLOMATIC_OR_SERVICE_PASSPORT|UNDER_16|VISA_CATEGORY]"),
            Map.entry("method", "[enum APOSTILLE|CONSULAR]"),
            Map.entry("term", "[enum APPEAL|LEAVE_BY|PREVENTIVE_RESTRICTION]"),
            Map.entry("until", "[enum END_OF_PROCEEDINGS|SENTENCE_SERVED|OBLIGATIONS_FULFILLED]"),
            // lists of visa categories, KoAP articles: open lists
            Map.entry("categories", "[text]"),
            Map.entry("visaCategories", "[text]"),
            Map.entry("article", "[text]"));

    /** A metadata key whose type depends on the table. */
    private static final Map<String, String> BY_FILE_AND_KEY = Map.of(
            "decision-tables/exit/exit-bans.drl.xlsx ground",
            "[enum CRIMINAL_PROCEEDINGS|SENTENCE_OR_PROBATION|EVADING_COURT_OBLIGATIONS|PROPERTY_OBLIGATIONS]",
            "decision-tables/penalties/expulsion-grounds.drl.xlsx ground", EXPULSION_GROUND);

    /** Condition and action columns, by their code snippet. */
    private static final Map<String, String> BY_SNIPPET = Map.ofEntries(
            Map.entry("citizenship == \"$param\"", "[country]"),
            Map.entry("country == \"$param\"", "[country]"),
            Map.entry("this != $param", "[enum null]"),
            Map.entry("plannedEntry != $param", "[enum null]"),
            Map.entry("insert(RegimeCandidate.bilateral(RuleInfo.of(drools), PassportType.$param));", PASSPORT),
            Map.entry("insert(new RegimeMemberRow(RuleInfo.of(drools), PassportType.$param));", PASSPORT),
            Map.entry("insert(RegimeCandidate.table(RuleInfo.of(drools), PassportType.DIPLOMATIC, \"$param\"));", SEED_000_REGIME),
            Map.entry("insert(RegimeCandidate.table(RuleInfo.of(drools), PassportType.SERVICE, \"$param\"));", SEED_000_REGIME),
            Map.entry("insert(RegimeCandidate.table(RuleInfo.of(drools), PassportType.ORDINARY, \"$param\"));", SEED_000_REGIME),
            Map.entry("insert(new RefusalGroundRow(RuleInfo.of(drools), \"$param\"));",
                    "[enum UNSERVED_PENALTY|UNFILED_TAX_DECLARATION|NO_PROOF_OF_FUNDS]"),
            Map.entry("insert(new InvitationRefusalRow(RuleInfo.of(drools), $h, \"$param\"));", "[enum PENALTIES_IN_12_MONTHS]"),
            Map.entry("program == \"$param\"", "[enum EN-2|EN-3]"),
            Map.entry("unservedPenalty == $param", "[boolean]"),
            Map.entry("unfiledTaxDeclaration == $param", "[boolean]"),
            Map.entry("ethnicKazakh == $param", "[boolean]"),
            Map.entry("criminalProceedings == $param", "[boolean]"),
            Map.entry("sentenceOrProbation == $param", "[boolean]"),
            Map.entry("evadingCourtObligations == $param", "[boolean]"),
            Map.entry("propertyObligations == $param", "[boolean]"),
            Map.entry("hasExpulsionDecision() == $param", "[boolean]"),
            Map.entry("hasPreventiveRestriction() == $param", "[boolean]"),
            Map.entry("visaRequired == $param", "[boolean]"),
            Map.entry("ownWindow == $param", "[boolean]"),
            Map.entry("electronic == $param", "[boolean]"),
            Map.entry("fromVisa() == $param", "[boolean]"),
            Map.entry("kind == Host.Kind.$param", "[enum INDIVIDUAL|LEGAL_ENTITY]"),
            Map.entry("size == Host.Size.$param", "[enum SMALL|MEDIUM|LARGE]"),
            Map.entry("entries == Visa.VisaEntries.$param", "[enum SINGLE|MULTIPLE]"),
            Map.entry("subject == Subject.$param", "[enum FOREIGNER|HOST]"),
            Map.entry("Penalty.forms(penalty) contains \"$param\"", PENALTY_KIND),
            Map.entry("event == DutyEvent.Event.$param", DUTY_EVENT),
            Map.entry("reason == \"$param\"", "[enum NO_WORK_PERMIT|VISA_FREE_REGIME]"),
            Map.entry("expulsionGrounds contains \"$param\"", EXPULSION_GROUND),
            Map.entry("offences contains \"$param\"", "[text]"),
            Map.entry("category == \"$param\"", "[text]"),
            Map.entry("to == \"$param\"", "[text]"),
            Map.entry("from == \"$param\"", "[text]"),
            Map.entry("code == \"$param\"", "[enum CONSULAR_SINGLE|CONSULAR_MULTIPLE|MULTIPLE_ENTRY_VISA_ISSUE"
                    + "|MULTIPLE_ENTRY_VISA_EXTENSION|B8_VISA_SINGLE|B8_VISA_MULTIPLE|EXIT_VISA|INVITATION_LETTER]"),
            Map.entry("days >= $param", "[days]"),
            Map.entry("days <= $param", "[days]"),
            Map.entry("penaltiesLast12Months >= $param", "[whole]"),
            Map.entry("afterPenaltyWithinMonths($h.lastPenaltyOn(), $param)", "[whole]"),
            Map.entry("overstayPenaltyWithinMonths($o.lastLawfulDay(), $param)", "[whole]"));

    /** An action without {@code $param} is a marker: the row applies when its cell holds x. */
    private static final String MARKER = "[enum x]";

    private TagColumnTypes() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<Path> tables;
        try (Stream<Path> files = Files.walk(root.resolve("decision-tables"))) {
            tables = files.filter(p -> p.toString().endsWith(".drl.xlsx")).sorted().toList();
        }
        List<String> undecided = new ArrayList<>();
        List<Tagged> changed = new ArrayList<>();
        for (Path table : tables) {
            String path = root.relativize(table).toString().replace('\\', '/');
            Tagged tagged = tag(path, Files.readAllBytes(table), undecided);
            if (tagged != null) {
                changed.add(tagged);
            }
        }
        if (!undecided.isEmpty()) {
            undecided.forEach(u -> System.err.println("no type decided for " + u));
            System.exit(1);
        }
        List<Problem> problems = new ArrayList<>();
        for (Tagged t : changed) {
            TableCells.read(new RuleFile(t.path(), t.content()), problems);
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> System.err.println(p));
            System.exit(1);
        }
        for (Tagged t : changed) {
            Files.write(root.resolve(t.path()), t.content());
            System.out.println(t.path() + ": " + t.columns() + " labels tagged");
        }
    }

    private record Tagged(String path, byte[] content, int columns) {
    }

    /** The table with every value column's label ending in its tag; null when nothing changes. */
    static Tagged tag(String path, byte[] content, List<String> undecided) throws IOException {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(content))) {
            Sheet sheet = book.getSheetAt(0);
            Row header = header(sheet);
            if (header == null) {
                return null;
            }
            Row snippets = sheet.getRow(header.getRowNum() + 2);
            Row labels = sheet.getRow(header.getRowNum() + 3);
            int changed = 0;
            for (Cell c : header) {
                String keyword = TableCells.valueOf(c);
                if (!KEYWORDS.contains(keyword)) {
                    continue;
                }
                int column = c.getColumnIndex();
                String snippet = TableCells.valueOf(snippets.getCell(column));
                String tag = decide(path, keyword, snippet);
                if (tag == null) {
                    undecided.add(path + " column " + CellReference.convertNumToColString(column) + " (" + keyword + " " + snippet + ")");
                    continue;
                }
                Cell label = labels.getCell(column);
                if (label == null) {
                    label = labels.createCell(column);
                }
                String before = TableCells.valueOf(label);
                Matcher old = TAG.matcher(before);
                String plain = old.find() ? before.substring(0, old.start()) : before;
                String after = plain.isBlank() ? tag : plain + " " + tag;
                if (!after.equals(before)) {
                    label.setCellValue(after);
                    changed++;
                }
            }
            if (changed == 0) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
            book.write(out);
            return new Tagged(path, out.toByteArray(), changed);
        }
    }

    private static String decide(String path, String keyword, String snippet) {
        if (keyword.equals("METADATA")) {
            Matcher key = METADATA_KEY.matcher(snippet);
            if (!key.find()) {
                return null;
            }
            String byFile = BY_FILE_AND_KEY.get(path + " " + key.group(1));
            return byFile != null ? byFile : BY_KEY.get(key.group(1));
        }
        if (keyword.equals("ACTION") && !snippet.contains("$param")) {
            return MARKER;
        }
        return BY_SNIPPET.get(snippet.trim());
    }

    private static Row header(Sheet sheet) {
        for (Row r : sheet) {
            for (Cell c : r) {
                if ("NAME".equals(TableCells.valueOf(c))) {
                    return r;
                }
            }
        }
        return null;
    }
}

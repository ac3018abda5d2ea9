package kz.qagida.ruleset;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

import kz.qagida.law.RuleInfo;
import kz.qagida.law.Validity;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.TableCells;

/**
 * Checks a compiled rules root beyond what compiling proves (the loader already refuses missing
 * ids, citations, sources and bad dates): rows of one file with the same conditions whose
 * validity periods overlap, gaps in a country's regime coverage, leftover sheets and formulas in
 * tables, conclusion codes without a message in some language, and conditions comparing a coded
 * value with a text ({@link EnumTexts}).
 */
public final class Lint {

    private static final Pattern COUNTRY_ROW = Pattern.compile("EN-\\d+ ([A-Z]{2})( .*)?");
    private static final Pattern CODE = Pattern.compile("Conclusion\\.of\\(\\s*drools\\s*,\\s*\"([A-Z_]+)\"");
    private static final String DEFAULT_LANGUAGE = "en";
    private static final Set<String> STANDARD_KEYS = Set.of("id", "citation", "source", "validFrom", "validTo", "note");

    private Lint() {
    }

    public static List<Finding> check(RuleBase base) {
        List<Finding> findings = new ArrayList<>();
        overlaps(base, findings);
        coverageGaps(base, findings);
        for (RuleFile f : base.files()) {
            if (f.isTable()) {
                workbook(f, findings);
            }
        }
        translations(base, findings);
        columns(base, findings);
        findings.addAll(EnumTexts.check(base));
        return findings;
    }

    /**
     * A table's value column should declare its type (the loader then converts and checks every
     * cell), and a metadata column should be read by something: a fact or a DRL rule.
     */
    private static void columns(RuleBase base, List<Finding> findings) {
        Set<String> read = new java.util.HashSet<>(ReadNames.ofCode());
        if (read.isEmpty()) {
            return;
        }
        StringBuilder drl = new StringBuilder();
        base.files().stream().filter(RuleFile::isDrl).forEach(f -> drl.append(f.text()).append('\n'));
        for (RuleFile f : base.files()) {
            TableCells.Read table = f.isTable() ? TableCells.read(f, new ArrayList<>()) : null;
            if (table == null) {
                continue;
            }
            for (TableCells.Column c : table.columns()) {
                String where = "column " + c.letter();
                if (!c.declared()) {
                    findings.add(Finding.warning(f.path(), where, c.name() + " declares no type: end its label (row "
                            + table.labelRow() + ") with one of [days] [whole] [number] [mrp] [date] [dates] [boolean] [country] "
                            + "[enum A|B] [period] [text]"));
                }
                if (c.key() != null && !STANDARD_KEYS.contains(c.key()) && !read.contains(c.key())
                        && !drl.toString().contains("\"" + c.key() + "\"")) {
                    findings.add(Finding.warning(f.path(), where, "no rule or fact reads " + c.key()
                            + ": remove the column, or use it"));
                }
            }
        }
    }

    /**
     * Rows of one file and rulebook id whose conditions select the same case (a country, a
     * regime: the same {@code ==} constraints) and that have the same consequence differ only in
     * their numbers or validity: they are one datum over time and must not be in force on the same
     * day. Parameter rows without such a condition are told apart by their values, not checked here.
     */
    private static void overlaps(RuleBase base, List<Finding> findings) {
        Map<String, List<RuleInfo>> byKey = new LinkedHashMap<>();
        for (RuleInfo info : base.catalog()) {
            String when = base.conditions().get(info.name());
            if (when != null && when.contains("==")) {
                String key = info.file() + "\n" + info.id() + "\n" + when + "\n" + base.consequences().get(info.name());
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(info);
            }
        }
        for (List<RuleInfo> same : byKey.values()) {
            for (int i = 0; i < same.size(); i++) {
                for (int j = i + 1; j < same.size(); j++) {
                    RuleInfo a = same.get(i), b = same.get(j);
                    if (overlap(a.validity(), b.validity())) {
                        findings.add(Finding.error(b.file(), where(b), "\"" + b.name() + "\" has the same conditions and consequence as \""
                                + a.name() + "\"" + (a.row() == null ? "" : " (row " + a.row() + ")")
                                + " and their validity periods overlap: end one the day before the other starts"));
                    }
                }
            }
        }
    }

    static boolean overlap(Validity a, Validity b) {
        LocalDate aFrom = a.from() == null ? LocalDate.MIN : a.from();
        LocalDate aTo = a.to() == null ? LocalDate.MAX : a.to();
        LocalDate bFrom = b.from() == null ? LocalDate.MIN : b.from();
        LocalDate bTo = b.to() == null ? LocalDate.MAX : b.to();
        return !aFrom.isAfter(bTo) && !bFrom.isAfter(aTo);
    }

    /** A country whose regime rows leave a period uncovered between its first and last row. */
    private static void coverageGaps(RuleBase base, List<Finding> findings) {
        Map<String, List<RuleInfo>> byCountry = new TreeMap<>();
        for (RuleInfo info : base.catalog()) {
            Matcher m = COUNTRY_ROW.matcher(info.name());
            if (info.file().startsWith("decision-tables/entry/") && m.matches()) {
                byCountry.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(info);
            }
        }
        byCountry.forEach((country, rows) -> {
            rows.sort(Comparator.comparing(r -> r.validity().from() == null ? LocalDate.MIN : r.validity().from()));
            LocalDate coveredTo = null;
            boolean started = false;
            for (RuleInfo r : rows) {
                LocalDate from = r.validity().from() == null ? LocalDate.MIN : r.validity().from();
                if (started && coveredTo != null && coveredTo.plusDays(1).isBefore(from)) {
                    findings.add(Finding.warning(r.file(), where(r), "no regime row covers " + country + " from "
                            + coveredTo.plusDays(1) + " to " + from.minusDays(1)));
                }
                LocalDate to = r.validity().to();
                if (!started || (coveredTo != null && (to == null || to.isAfter(coveredTo)))) {
                    coveredTo = to;
                }
                started = true;
                if (coveredTo == null) {
                    break;
                }
            }
            if (coveredTo != null) {
                RuleInfo last = rows.get(rows.size() - 1);
                findings.add(Finding.warning(last.file(), where(last), "no regime row covers " + country + " after " + coveredTo));
            }
        });
    }

    /** A table keeps its rules on the first sheet and its sources on "Sources"; no formulas anywhere. */
    private static void workbook(RuleFile f, List<Finding> findings) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(f.content()))) {
            for (int i = 0; i < book.getNumberOfSheets(); i++) {
                Sheet sheet = book.getSheetAt(i);
                if (i > 0 && !sheet.getSheetName().equals("Sources")) {
                    findings.add(Finding.error(f.path(), "sheet " + sheet.getSheetName(),
                            "leftover sheet: a table has its rules on the first sheet and a 'Sources' sheet only"));
                }
                if (i == 0 || sheet.getSheetName().equals("Sources")) {
                    for (Row row : sheet) {
                        for (Cell cell : row) {
                            if (cell.getCellType() == CellType.FORMULA && !TableCells.isBooleanFormula(cell)) {
                                findings.add(Finding.error(f.path(), "cell " + cell.getAddress().formatAsString()
                                        + (i > 0 ? " of " + sheet.getSheetName() : ""), "formula: type the value, not a formula"));
                            }
                        }
                    }
                }
            }
            if (book.getSheet("Sources") == null) {
                findings.add(Finding.warning(f.path(), null, "no 'Sources' sheet listing the acts used"));
            }
        } catch (IOException | RuntimeException e) {
            findings.add(Finding.error(f.path(), null, "cannot read the workbook: " + e.getMessage()));
        }
    }

    /** Every conclusion code the rules produce needs a message; every language the same codes as English. */
    private static void translations(RuleBase base, List<Finding> findings) {
        Set<String> codes = new TreeSet<>();
        for (RuleFile f : base.files()) {
            if (f.isDrl()) {
                Matcher m = CODE.matcher(f.text());
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        Map<String, String> english = base.messages().getOrDefault(DEFAULT_LANGUAGE, Map.of());
        for (String code : codes) {
            if (!english.containsKey(code)) {
                findings.add(Finding.warning("messages/" + DEFAULT_LANGUAGE + ".yaml", code,
                        "no English message: the answer shows the code itself"));
            }
        }
        base.messages().forEach((language, texts) -> {
            if (!language.equals(DEFAULT_LANGUAGE)) {
                Set<String> wanted = new TreeSet<>(codes);
                wanted.addAll(english.keySet());
                for (String code : wanted) {
                    if (!texts.containsKey(code)) {
                        findings.add(Finding.warning("messages/" + language + ".yaml", code,
                                "no translation: the English message is shown"));
                    }
                }
            }
        });
    }

    private static String where(RuleInfo info) {
        return info.row() == null ? null : "row " + info.row();
    }
}

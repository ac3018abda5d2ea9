package kz.qagida.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellReference;

/**
 * A decision table read as analysts type it. A spreadsheet program stores a typed date as a number
 * with a date format, a typed number as a number and a typed TRUE as a boolean; Drools would read
 * them through their display format ("31-Dec-2025"). This class reads every value cell as what it
 * is, converts it to the type its column declares and refuses a bad one naming the cell.
 *
 * <p>A column declares its type at the end of its label (the row under the code snippets), in
 * square brackets: {@code Дней за визит / Days per visit [days]}. The types: {@code days} (a whole
 * number of days), {@code whole} (a whole number of months, years, offences...), {@code number}, {@code mrp} (a
 * multiple of the monthly calculation index), {@code date} (yyyy-MM-dd or a date cell),
 * {@code dates} (dates separated by commas), {@code boolean} (true or false), {@code country}
 * (ISO 3166 alpha-2), {@code enum A|B|C} (one of the listed values), {@code period} (ISO 8601,
 * such as P90D) and {@code text}. A column without a tag is typed by its metadata name
 * ({@code validFrom}, {@code validTo}: date; names ending in {@code Days} or {@code Limit}: days),
 * otherwise read as text; the lint asks for a tag.
 */
public final class TableCells {

    private static final Pattern TAG = Pattern.compile("\\[\\s*([a-z]+)(?:\\s+([^\\]]*))?\\s*]\\s*$");
    private static final Pattern METADATA_KEY = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9_]*)\\s*\\(");
    private static final Pattern DAYS_KEY = Pattern.compile(".*(Days|Limit)");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Set<String> KEYWORDS = Set.of("CONDITION", "ACTION", "METADATA");
    private static final Set<String> ISO_COUNTRIES = Set.of(Locale.getISOCountries());

    /** What a value column holds. */
    public enum Type { DAYS, WHOLE, NUMBER, MRP, DATE, DATES, BOOLEAN, COUNTRY, ENUM, PERIOD, TEXT }

    /**
     * A value column: its letter, keyword, metadata key (or null), label without the tag, type,
     * the allowed values of an enum, and whether the table declared the type.
     */
    public record Column(String letter, String keyword, String key, String label, Type type, List<String> allowed,
            boolean declared) {

        /** How the column is named in messages: its metadata key, else its label, else its letter. */
        public String name() {
            return key != null ? key : label.isBlank() ? "column " + letter : label;
        }
    }

    /**
     * A table as read: its columns, the 1-based rows of its header ({@code NAME}) and labels, the
     * workbook with every value cell as canonical text (the original bytes when nothing changed),
     * and its content as text (every cell of every sheet, for the ruleset version).
     */
    public record Read(List<Column> columns, int nameColumn, int headerRow, int labelRow, byte[] normalized,
            String content) {
    }

    private TableCells() {
    }

    /** Reads a table, adding a problem for each cell that does not hold its column's type. */
    public static Read read(RuleFile f, List<Problem> problems) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(f.content()))) {
            Sheet sheet = book.getSheetAt(0);
            Row header = null;
            int nameColumn = -1;
            for (Row r : sheet) {
                for (Cell c : r) {
                    if ("NAME".equals(text(c))) {
                        header = r;
                        nameColumn = c.getColumnIndex();
                        break;
                    }
                }
                if (header != null) {
                    break;
                }
            }
            List<Column> columns = new ArrayList<>();
            int labelRow = -1;
            boolean changed = false;
            if (header != null) {
                int h = header.getRowNum();
                Row snippets = sheet.getRow(h + 2);
                Row labels = sheet.getRow(h + 3);
                labelRow = h + 3;
                List<Integer> indexes = new ArrayList<>();
                for (Cell c : header) {
                    String keyword = text(c);
                    if (KEYWORDS.contains(keyword)) {
                        String snippet = snippets == null ? "" : text(snippets.getCell(c.getColumnIndex()));
                        String label = labels == null ? "" : text(labels.getCell(c.getColumnIndex()));
                        columns.add(column(f, c.getColumnIndex(), keyword, snippet, label, problems));
                        indexes.add(c.getColumnIndex());
                    }
                }
                for (int r = labelRow + 1; r <= sheet.getLastRowNum(); r++) {
                    Row row = sheet.getRow(r);
                    if (row == null || text(row.getCell(nameColumn)).isEmpty() && blank(row, indexes)) {
                        break;
                    }
                    for (int i = 0; i < columns.size(); i++) {
                        Cell cell = row.getCell(indexes.get(i));
                        if (cell != null && cell.getCellType() != CellType.BLANK
                                && (cell.getCellType() != CellType.FORMULA || isBooleanFormula(cell))) {
                            String before = cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null;
                            String value = convert(f, cell, columns.get(i), problems);
                            if (value != null && !value.equals(before)) {
                                if (cell.getCellType() == CellType.FORMULA) {
                                    cell.removeFormula();
                                }
                                cell.setCellValue(value);
                                changed = true;
                            }
                        }
                    }
                }
            }
            byte[] normalized = f.content();
            if (changed) {
                ByteArrayOutputStream out = new ByteArrayOutputStream(f.content().length);
                book.write(out);
                normalized = out.toByteArray();
            }
            return new Read(List.copyOf(columns), nameColumn, header == null ? -1 : header.getRowNum() + 1, labelRow + 1,
                    normalized, content(book));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Every non-empty cell of every sheet as {@code sheet!A1=value} lines: what a re-save keeps. */
    public static String content(byte[] xlsx) {
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(xlsx))) {
            return content(book);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String content(Workbook book) {
        StringBuilder out = new StringBuilder();
        for (Sheet sheet : book) {
            for (Row row : sheet) {
                for (Cell c : row) {
                    String v = c.getCellType() == CellType.FORMULA && !isBooleanFormula(c) ? "=" + c.getCellFormula() : valueOf(c);
                    if (!v.isEmpty()) {
                        out.append(sheet.getSheetName()).append('!').append(c.getAddress().formatAsString())
                                .append('=').append(v.replace("\r\n", "\n")).append('\n');
                    }
                }
            }
        }
        return out.toString();
    }

    /**
     * LibreOffice saves a typed TRUE or FALSE as the formula {@code TRUE()} or {@code FALSE()}:
     * a typed value, not a computed one.
     */
    public static boolean isBooleanFormula(Cell cell) {
        return cell.getCellType() == CellType.FORMULA && cell.getCellFormula().replace(" ", "").matches("(?i)(TRUE|FALSE)\\(\\)");
    }

    private static boolean blank(Row row, List<Integer> indexes) {
        return indexes.stream().allMatch(i -> text(row.getCell(i)).isEmpty());
    }

    private static Column column(RuleFile f, int index, String keyword, String snippet, String label, List<Problem> problems) {
        String letter = CellReference.convertNumToColString(index);
        Matcher key = METADATA_KEY.matcher(snippet);
        String metadataKey = keyword.equals("METADATA") && key.find() ? key.group(1) : null;
        Matcher tag = TAG.matcher(label);
        if (tag.find()) {
            String plain = label.substring(0, tag.start()).trim();
            try {
                Type type = Type.valueOf(tag.group(1).toUpperCase(Locale.ROOT));
                List<String> allowed = List.of();
                if (type == Type.ENUM) {
                    allowed = tag.group(2) == null ? List.of()
                            : Arrays.stream(tag.group(2).split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                    if (allowed.isEmpty()) {
                        problems.add(new Problem(f.path(), "label of column " + letter, "[enum] must list its values: [enum A|B|C]"));
                    }
                }
                return new Column(letter, keyword, metadataKey, plain, type, allowed, true);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(f.path(), "label of column " + letter, "unknown type [" + tag.group(1)
                        + "]: use days, whole, number, mrp, date, dates, boolean, country, enum A|B, period or text"));
                return new Column(letter, keyword, metadataKey, plain, Type.TEXT, List.of(), true);
            }
        }
        Type derived = Type.TEXT;
        if ("validFrom".equals(metadataKey) || "validTo".equals(metadataKey)) {
            derived = Type.DATE;
        } else if (metadataKey != null && DAYS_KEY.matcher(metadataKey).matches()) {
            derived = Type.DAYS;
        }
        return new Column(letter, keyword, metadataKey, label, derived, List.of(), false);
    }

    /** The cell's value as canonical text for its column's type, or null (with a problem) when it is not one. */
    private static String convert(RuleFile f, Cell cell, Column column, List<Problem> problems) {
        String raw = valueOf(cell);
        if (raw.isEmpty()) {
            return null;
        }
        String value = switch (column.type()) {
            case DAYS, WHOLE -> raw.matches("\\d+") ? raw : null;
            case NUMBER -> number(raw, false);
            case MRP -> number(raw, true);
            case DATE -> date(raw);
            case DATES -> dates(raw);
            case BOOLEAN -> raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false") ? raw.toLowerCase(Locale.ROOT) : null;
            case COUNTRY -> COUNTRY.matcher(raw).matches()
                    && (ISO_COUNTRIES.contains(raw) || raw.equals(kz.qagida.law.Countries.UN_LAISSEZ_PASSER)) ? raw : null;
            case ENUM -> column.allowed().contains(raw) ? raw : null;
            case PERIOD -> period(raw);
            case TEXT -> raw;
        };
        if (value == null) {
            problems.add(new Problem(f.path(), "cell " + cell.getAddress().formatAsString() + " of sheet " + cell.getSheet().getSheetName(),
                    column.name() + " '" + raw + "' is not " + expected(column)));
        }
        return value;
    }

    private static String expected(Column column) {
        return switch (column.type()) {
            case DAYS -> "a whole number of days";
            case WHOLE -> "a whole number";
            case NUMBER -> "a number";
            case MRP -> "a number of MRP (0 or more)";
            case DATE -> "a date (yyyy-MM-dd, or a date cell)";
            case DATES -> "a list of dates (yyyy-MM-dd, separated by commas)";
            case BOOLEAN -> "true or false";
            case COUNTRY -> "an ISO 3166 country code (two capital letters; XX: the UN laissez-passer)";
            case ENUM -> "one of " + String.join(", ", column.allowed());
            case PERIOD -> "an ISO 8601 period such as P90D or P1Y";
            case TEXT -> "text";
        };
    }

    /** A cell as what it holds: a date cell as yyyy-MM-dd, a number without a display format, a boolean as true/false. */
    public static String valueOf(Cell cell) {
        if (cell == null) {
            return "";
        }
        if (isBooleanFormula(cell)) {
            return Boolean.toString(cell.getCellFormula().trim().toUpperCase(Locale.ROOT).startsWith("TRUE"));
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue().trim();
            case BOOLEAN -> Boolean.toString(cell.getBooleanCellValue());
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? cell.getLocalDateTimeCellValue().toLocalDate().toString()
                    : BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString();
            default -> "";
        };
    }

    private static String text(Cell cell) {
        return valueOf(cell);
    }

    private static String number(String raw, boolean nonNegative) {
        try {
            BigDecimal n = new BigDecimal(raw.replace(',', '.'));
            return nonNegative && n.signum() < 0 ? null : n.stripTrailingZeros().toPlainString();
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String date(String raw) {
        try {
            return LocalDate.parse(raw).toString();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String dates(String raw) {
        List<String> out = new ArrayList<>();
        for (String part : raw.split("\\s*[,;]\\s*")) {
            String d = date(part.trim());
            if (d == null) {
                return null;
            }
            out.add(d);
        }
        return String.join(", ", out);
    }

    private static String period(String raw) {
        try {
            Period.parse(raw);
            return raw;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}

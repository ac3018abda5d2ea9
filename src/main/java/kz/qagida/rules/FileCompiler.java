package kz.qagida.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.definition.KiePackage;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Compiles one rule file on its own: a table to DRL text, then the DRL to Drools packages, kept
 * serialized so that a later load (or another instance) can use them without compiling. A file
 * must therefore compile alone: a function, declared type, global or query it uses is in the file.
 */
final class FileCompiler {

    private static final Pattern DRL_RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern TABLE_ROW = Pattern.compile("^// rule values at ([A-Z]+)(\\d+),", Pattern.MULTILINE);

    private FileCompiler() {
    }

    /**
     * A file compiled: its DRL text (tables: as generated), where each rule came from (line or
     * cell), table rows by rule name, the analysts' notes by row, and its Drools packages serialized.
     */
    /** @param cells a table's cells as text, from which its part of the ruleset version is made; null for DRL */
    record Compiled(String path, String drl, Map<String, String> locations, Map<String, Integer> rows,
            Map<Integer, String> notes, byte[] packages, String cells) {
    }

    /** Compiles the file, or adds its problems (each naming the line or cell) and returns null. */
    static Compiled compile(RuleFile f, List<Problem> problems) {
        String drl;
        Map<String, String> locations;
        Map<String, Integer> rows = new HashMap<>();
        Map<Integer, String> notes = Map.of();
        if (f.isTable()) {
            // cells read as typed and converted to their column's type (TableCells); a bad cell is named
            int before = problems.size();
            TableCells.Read cells = TableCells.read(f, problems);
            if (cells == null) {
                problems.add(new Problem(f.path(), null, "cannot read the decision table: not a readable .xlsx workbook"));
                return null;
            }
            if (problems.size() > before) {
                return null; // compiling mistyped cells would only repeat the problems in Drools' words
            }
            try {
                drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(cells.normalized()), InputType.XLS);
            } catch (RuntimeException e) {
                problems.add(new Problem(f.path(), null, "cannot read the decision table: " + RuleBaseLoader.rootMessage(e)));
                return null;
            }
            locations = tableLocations(drl, rows);
            notes = notes(f);
        } else {
            drl = f.text();
            locations = drlLocations(drl);
        }
        Map<Integer, String> unnamed = Phases.unnamed(drl);
        if (!unnamed.isEmpty()) {
            String text = drl;
            unnamed.forEach((line, salience) -> problems.add(new Problem(f.path(),
                    errorLocation(f.path(), text, new int[] {line}), Phases.message(salience))));
            return null;
        }
        String resolved = Phases.resolve(drl);
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        builder.add(ResourceFactory.newByteArrayResource(resolved.getBytes(StandardCharsets.UTF_8)).setSourcePath(f.path()),
                ResourceType.DRL);
        if (builder.hasErrors()) {
            for (KnowledgeBuilderError e : builder.getErrors()) {
                problems.add(new Problem(f.path(), errorLocation(f.path(), resolved, e.getLines()), e.getMessage().trim()));
            }
            return null;
        }
        return new Compiled(f.path(), resolved, Map.copyOf(locations), Map.copyOf(rows), Map.copyOf(notes),
                serialize(builder.getKnowledgePackages()), f.isTable() ? RulesetVersion.cells(f.content()) : null);
    }

    static byte[] serialize(Collection<? extends KiePackage> packages) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DroolsObjectOutputStream out = new DroolsObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<KiePackage>(packages));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Fresh package objects each time: a knowledge base merges packages of one name into the first. */
    @SuppressWarnings("unchecked")
    static List<KiePackage> packages(Compiled c) throws IOException, ClassNotFoundException {
        try (DroolsObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(c.packages()),
                FileCompiler.class.getClassLoader())) {
            return (List<KiePackage>) in.readObject();
        }
    }

    private static Map<String, String> tableLocations(String drl, Map<String, Integer> rows) {
        Map<String, String> locations = new LinkedHashMap<>();
        Matcher row = TABLE_ROW.matcher(drl);
        Matcher rule = DRL_RULE.matcher(drl);
        while (row.find()) {
            if (rule.find(row.end())) {
                locations.put(rule.group(1), "cell " + row.group(1) + row.group(2));
                rows.put(rule.group(1), Integer.parseInt(row.group(2)));
            }
        }
        return locations;
    }

    /** Column A of the rule sheet holds the analysts' notes, by spreadsheet row (1-based). */
    private static Map<Integer, String> notes(RuleFile f) {
        Map<Integer, String> notes = new HashMap<>();
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(f.content()))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter fmt = new DataFormatter();
            for (Row r : sheet) {
                Cell a = r.getCell(0);
                if (a != null && !fmt.formatCellValue(a).isBlank()) {
                    notes.put(r.getRowNum() + 1, fmt.formatCellValue(a).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the compiler has already read the file; notes are a nicety
        }
        return notes;
    }

    static Map<String, String> drlLocations(String text) {
        Map<String, String> locations = new LinkedHashMap<>();
        Matcher m = DRL_RULE.matcher(text);
        while (m.find()) {
            int line = 1;
            for (int i = 0; i < m.start(1); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            locations.putIfAbsent(m.group(1), "line " + line);
        }
        return locations;
    }

    /** For a table, maps a line of the generated DRL back to the row's cell. */
    static String errorLocation(String path, String drl, int[] lines) {
        if (lines == null || lines.length == 0 || lines[0] <= 0) {
            return null;
        }
        if (!path.endsWith(".drl.xlsx")) {
            return "line " + lines[0];
        }
        String[] drlLines = drl.split("\n", -1);
        for (int i = Math.min(lines[0], drlLines.length) - 1; i >= 0; i--) {
            Matcher m = TABLE_ROW.matcher(drlLines[i]);
            if (m.find()) {
                return "row " + m.group(2) + " (cell " + m.group(1) + m.group(2) + ")";
            }
        }
        return "header rows";
    }
}

package kz.qagida.rules;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import kz.qagida.law.Citation;
import kz.qagida.law.RuleInfo;
import kz.qagida.law.Validity;

/**
 * Compiles a rules root into one {@link RuleBase}, or refuses it with every problem found, each
 * naming the file and the line (DRL) or cell (table): compile errors, a file that yields no
 * rules, a duplicate rule name, a rule without {@code @id}, {@code @citation} or {@code @source},
 * an unparseable validity date.
 */
public final class RuleBaseLoader {

    private static final Logger log = LoggerFactory.getLogger(RuleBaseLoader.class);
    private static final Pattern RULE_ID = Pattern.compile("[A-Z]{2}-\\d+");
    private static final Pattern DRL_RULE = Pattern.compile("^\\s*rule\\s+\"([^\"]+)\"", Pattern.MULTILINE);
    private static final Pattern TABLE_ROW = Pattern.compile("^// rule values at ([A-Z]+)(\\d+),", Pattern.MULTILINE);
    private static final Pattern WHEN = Pattern.compile(
            "^\\s*rule\\s+\"([^\"]+)\".*?\\bwhen\\b(.*?)\\bthen\\b(.*?)^\\s*end\\s*$", Pattern.MULTILINE | Pattern.DOTALL);
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final java.util.Set<String> STANDARD_KEYS = java.util.Set.of("id", "citation", "source", "validFrom", "validTo", "note");
    /** Parameters named like these hold a count of days (or a limit in days) and must be whole numbers. */
    private static final Pattern NUMBER_KEY = Pattern.compile(".*(Days|Limit)");

    private RuleBaseLoader() {
    }

    /** A file compiled to DRL text, with where each rule came from (line or spreadsheet cell). */
    private record Compiled(RuleFile file, String drl, Map<String, String> locations, Map<String, Integer> rows,
            Map<Integer, String> notes) {
    }

    public static RuleBase load(List<RuleFile> files) {
        List<Problem> problems = new ArrayList<>();
        List<Compiled> compiled = new ArrayList<>();
        Map<String, Map<String, String>> messages = new TreeMap<>();
        Map<String, List<JsonNode>> reference = new TreeMap<>();
        for (RuleFile f : files) {
            if (f.isDrl()) {
                compiled.add(new Compiled(f, f.text(), drlLocations(f.text()), Map.of(), Map.of()));
            } else if (f.isTable()) {
                compileTable(f, problems, compiled);
            } else if (f.path().startsWith("messages/")) {
                readMessages(f, problems, messages);
            } else if (f.path().startsWith("reference/")) {
                readReference(f, problems, reference);
            }
        }
        if (compiled.isEmpty()) {
            problems.add(new Problem("(rules root)", null, "no rule files found under rules-drl/ or decision-tables/"));
        }

        Map<String, String> firstFileOfName = new HashMap<>();
        for (Compiled c : compiled) {
            Phases.unnamed(c.drl()).forEach((line, salience) -> problems.add(
                    new Problem(c.file().path(), errorLocation(c, new int[] {line}), Phases.message(salience))));
            for (String name : c.locations().keySet()) {
                String other = firstFileOfName.putIfAbsent(name, c.file().path());
                if (other != null) {
                    problems.add(new Problem(c.file().path(), c.locations().get(name),
                            "duplicate rule name \"" + name + "\" (also in " + other + "): every rule needs a unique, stable name"));
                }
            }
        }

        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (Compiled c : compiled) {
            builder.add(ResourceFactory.newByteArrayResource(c.drl().getBytes(StandardCharsets.UTF_8))
                    .setSourcePath(c.file().path()), ResourceType.DRL);
        }
        Map<String, Compiled> byPath = new HashMap<>();
        compiled.forEach(c -> byPath.put(c.file().path(), c));
        for (KnowledgeBuilderError e : builder.getErrors()) {
            String path = e.getResource() == null ? "(unknown file)" : e.getResource().getSourcePath();
            problems.add(new Problem(path, errorLocation(byPath.get(path), e.getLines()), e.getMessage().trim()));
        }
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }

        KieBase kieBase = builder.newKieBase();
        Map<String, Integer> counts = new LinkedHashMap<>();
        compiled.forEach(c -> counts.put(c.file().path(), 0));
        List<RuleInfo> catalog = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                RuleImpl impl = (RuleImpl) rule;
                String path = impl.getResource() == null ? null : impl.getResource().getSourcePath();
                Compiled source = byPath.get(path);
                if (source == null) {
                    problems.add(new Problem(String.valueOf(path), null, "rule \"" + rule.getName() + "\" has no known source file"));
                    continue;
                }
                counts.merge(path, 1, Integer::sum);
                RuleInfo info = describe(rule, source, problems);
                if (info != null) {
                    impl.addMetaAttribute(RuleInfo.KEY, info);
                    catalog.add(info);
                }
            }
        }
        counts.forEach((path, n) -> {
            if (n == 0) {
                problems.add(new Problem(path, null, "yields no rules: check the RuleTable keyword, the header rows "
                        + "and that data rows follow them without a blank row"));
            }
        });
        if (!problems.isEmpty()) {
            throw new RuleLoadException(problems);
        }
        counts.forEach((path, n) -> log.info("Loaded {} rules from {}", n, path));
        catalog.sort((a, b) -> a.file().equals(b.file())
                ? Integer.compare(lineOrder(a), lineOrder(b)) : a.file().compareTo(b.file()));
        Map<String, String> conditions = new HashMap<>();
        Map<String, String> consequences = new HashMap<>();
        for (Compiled c : compiled) {
            Matcher m = WHEN.matcher(c.drl());
            while (m.find()) {
                conditions.put(m.group(1), m.group(2).trim().replaceAll("\\s+", " "));
                consequences.put(m.group(1), m.group(3).trim().replaceAll("\\s+", " "));
            }
        }
        return new RuleBase(kieBase, version(files), Instant.now(), counts, List.copyOf(catalog), messages, reference,
                conditions, consequences, files);
    }

    private static int lineOrder(RuleInfo info) {
        return info.row() == null ? 0 : info.row();
    }

    private static RuleInfo describe(Rule rule, Compiled source, List<Problem> problems) {
        String file = source.file().path();
        String where = source.locations().get(rule.getName());
        Map<String, Object> meta = rule.getMetaData();
        String id = text(meta.get("id"));
        String citation = text(meta.get("citation"));
        String src = text(meta.get("source"));
        int before = problems.size();
        if (id == null) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" has no @id (its rulebook id, e.g. EN-2)"));
        } else if (!RULE_ID.matcher(id).matches()) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": @id \"" + id + "\" is not a rulebook id like EN-2"));
        } else if (!rule.getName().startsWith(id + " ")) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" must be named after its @id: \"" + id + " …\""));
        }
        if (src == null) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" has no @source (the seed file it comes from)"));
        }
        List<Citation> citations = null;
        if (citation == null) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\" has no @citation"));
        } else {
            try {
                citations = Citation.parseAll(citation, src);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": " + e.getMessage()));
            }
        }
        Validity validity = null;
        try {
            validity = Validity.parse(text(meta.get("validFrom")), text(meta.get("validTo")));
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": " + e.getMessage()));
        }
        Map<String, String> params = new TreeMap<>();
        meta.forEach((key, value) -> {
            String v = text(value);
            if (!STANDARD_KEYS.contains(key) && !RuleInfo.KEY.equals(key) && v != null) {
                params.put(key, v);
            }
        });
        params.forEach((key, value) -> {
            if (NUMBER_KEY.matcher(key).matches() && !value.matches("\\d+")) {
                problems.add(new Problem(file, where, "rule \"" + rule.getName() + "\": @" + key + " \"" + value
                        + "\" is not a whole number of days"));
            }
        });
        if (problems.size() > before) {
            return null;
        }
        Integer row = source.rows().get(rule.getName());
        return new RuleInfo(id, rule.getName(), file, row, citations, validity,
                row == null ? text(meta.get("note")) : source.notes().get(row), Map.copyOf(params));
    }

    private static String text(Object value) {
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).trim();
        }
        return s.isEmpty() ? null : s;
    }

    private static void compileTable(RuleFile f, List<Problem> problems, List<Compiled> out) {
        String drl;
        try {
            drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(f.content()), InputType.XLS);
        } catch (RuntimeException e) {
            problems.add(new Problem(f.path(), null, "cannot read the decision table: " + rootMessage(e)));
            return;
        }
        Map<String, String> locations = new LinkedHashMap<>();
        Map<String, Integer> rows = new HashMap<>();
        Matcher row = TABLE_ROW.matcher(drl);
        Matcher rule = DRL_RULE.matcher(drl);
        while (row.find()) {
            if (rule.find(row.end())) {
                locations.put(rule.group(1), "cell " + row.group(1) + row.group(2));
                rows.put(rule.group(1), Integer.parseInt(row.group(2)));
            }
        }
        out.add(new Compiled(f, drl, locations, rows, notes(f)));
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

    private static Map<String, String> drlLocations(String text) {
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
    private static String errorLocation(Compiled c, int[] lines) {
        if (lines == null || lines.length == 0 || lines[0] <= 0) {
            return null;
        }
        if (c == null || !c.file().isTable()) {
            return "line " + lines[0];
        }
        String[] drlLines = c.drl().split("\n", -1);
        for (int i = Math.min(lines[0], drlLines.length) - 1; i >= 0; i--) {
            Matcher m = TABLE_ROW.matcher(drlLines[i]);
            if (m.find()) {
                return "row " + m.group(2) + " (cell " + m.group(1) + m.group(2) + ")";
            }
        }
        return "header rows";
    }

    private static void readMessages(RuleFile f, List<Problem> problems, Map<String, Map<String, String>> messages) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        String language = name.substring(0, name.length() - ".yaml".length());
        try {
            Map<String, String> texts = YAML.readValue(f.content(), new TypeReference<Map<String, String>>() { });
            messages.put(language, texts == null ? Map.of() : Map.copyOf(texts));
        } catch (RuntimeException e) {
            problems.add(new Problem(f.path(), null, "cannot read the messages: " + rootMessage(e)));
        }
    }

    /**
     * A reference data file ({@code reference/<name>.yaml}) holds a list under {@code entries:};
     * each entry needs a rulebook {@code id} and a {@code source}, and its {@code validFrom} /
     * {@code validTo} must be dates.
     */
    private static void readReference(RuleFile f, List<Problem> problems, Map<String, List<JsonNode>> reference) {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1).replaceFirst("\\.yaml$", "");
        JsonNode entries;
        try {
            JsonNode doc = YAML.readTree(f.content());
            entries = doc == null ? null : doc.get("entries");
        } catch (RuntimeException e) {
            problems.add(new Problem(f.path(), null, "cannot read the reference data: " + rootMessage(e)));
            return;
        }
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            problems.add(new Problem(f.path(), null, "expected a non-empty list under 'entries:'"));
            return;
        }
        List<JsonNode> list = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            String where = "entry " + (i + 1);
            if (!e.isObject() || !e.hasNonNull("id") || !RULE_ID.matcher(e.get("id").asString()).matches()) {
                problems.add(new Problem(f.path(), where, "needs an id: its rulebook id, e.g. RF-1"));
            }
            if (!e.hasNonNull("source") || e.get("source").asString().isBlank()) {
                problems.add(new Problem(f.path(), where, "needs a source (the seed file it comes from)"));
            }
            try {
                Validity.parse(field(e, "validFrom"), field(e, "validTo"));
            } catch (IllegalArgumentException ex) {
                problems.add(new Problem(f.path(), where, ex.getMessage()));
            }
            list.add(e);
        }
        reference.put(name, List.copyOf(list));
    }

    private static String field(JsonNode entry, String name) {
        return entry.hasNonNull(name) ? entry.get(name).asString() : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** SHA-256 over the sorted relative paths and contents of every file. */
    public static String version(List<RuleFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.stream().sorted((a, b) -> a.path().compareTo(b.path())).forEach(f -> {
                sha.update(f.path().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(Integer.toString(f.content().length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.content());
            });
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

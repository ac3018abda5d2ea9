package kz.qagida.ruleset;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

import kz.qagida.rules.RuleFile;

/**
 * Keeps rules inside their vocabulary: the project's facts, law and calendar types, {@code java.time},
 * {@code java.util} (with its {@code function} and {@code stream} packages) and {@code java.math}, plus
 * the plain {@code java.lang} types. Anything else a DRL file or a table cell names (imports, conditions,
 * consequences, functions) is refused with its file and line or cell: {@code System}, {@code Runtime},
 * threads, processes, reflection and class loading, files, the network, the rule engine's runtime, loops
 * that need not end ({@code while}, {@code do}, counting {@code for}) and Unicode escapes (which Java
 * reads before anything else, so they could hide any of these). It reads text only and runs nothing,
 * so it is safe to run in the serving process too.
 */
public final class Vocabulary {

    /** Packages whose types rules may name, besides the facts' ({@link #FACTS} and its areas). */
    static final Set<String> PACKAGES = Set.of("kz.qagida.facts", "kz.qagida.law", "kz.qagida.calendar", "java.time",
            "java.time.format", "java.time.temporal", "java.util", "java.util.function", "java.util.stream", "java.math");
    /** The facts' packages, one per area ({@code kz.qagida.facts.stay}, …). */
    private static final String FACTS = "kz.qagida.facts.";
    /** Types of the allowed packages that reach outside: class loading, threads, the locale's files. */
    private static final Set<String> EXCLUDED = Set.of("java.util.ServiceLoader", "java.util.ResourceBundle",
            "java.util.Timer", "java.util.TimerTask", "java.util.Scanner", "java.util.Properties", "java.util.PropertyResourceBundle",
            "java.util.ListResourceBundle", "java.time.Clock", "java.time.InstantSource");
    /** {@code java.lang} types rules may name without an import. */
    private static final Set<String> LANG = Set.of("String", "StringBuilder", "CharSequence", "Object", "Number", "Integer",
            "Long", "Short", "Byte", "Double", "Float", "Boolean", "Character", "Math", "Comparable", "Iterable", "Enum",
            "Record", "Void", "Exception", "RuntimeException", "IllegalArgumentException", "IllegalStateException",
            "ArithmeticException", "NullPointerException", "IndexOutOfBoundsException", "UnsupportedOperationException",
            "NumberFormatException", "Override", "SuppressWarnings");
    /** Fully qualified types outside those packages that rules need: the rule context passed to functions. */
    private static final Set<String> CLASSES = Set.of("org.kie.api.runtime.rule.RuleContext");
    /** Members no rule may call or read, whatever they are called on. */
    private static final Set<String> MEMBERS = Set.of("getClass", "class", "forName", "getClassLoader",
            "getContextClassLoader", "loadClass", "newInstance", "getDeclaredMethod", "getDeclaredMethods", "getMethod",
            "getMethods", "getDeclaredField", "getDeclaredFields", "getField", "getFields", "getDeclaredConstructor",
            "getConstructor", "setAccessible", "invoke", "getKieRuntime", "getKnowledgeRuntime", "getWorkingMemory",
            "getKieBase", "getEntryPoint", "getEntryPoints", "getChannels", "getGlobal", "setGlobal", "getSession",
            "halt", "exec", "getenv", "getProperty", "getProperties", "setProperty", "getRuntime", "wait",
            "notify", "notifyAll", "now", "systemUTC", "systemDefaultZone", "parallel", "parallelStream");
    /** Members that make an endless or unbounded sequence, which a serving thread could run for ever. */
    private static final Set<String> UNBOUNDED = Set.of("iterate", "generate", "range", "rangeClosed", "nCopies", "repeat");
    /** Words that are part of the language, not names of types or variables. */
    private static final Set<String> KEYWORDS = Set.of("package", "import", "function", "static", "rule", "when", "then",
            "end", "not", "exists", "forall", "accumulate", "acc", "collect", "from", "eval", "insert", "insertLogical",
            "update", "modify", "retract", "delete", "new", "return", "if", "else", "for", "in", "instanceof", "true",
            "false", "null", "this", "and", "or", "over", "init", "action", "reverse", "result", "entry", "point",
            "declare", "query", "global", "extends", "salience", "agenda", "group", "no", "loop", "lock", "on", "active",
            "dialect", "enabled", "ruleflow", "matches", "memberOf", "contains", "soundslike", "str", "int", "long",
            "boolean", "double", "char", "byte", "short", "float", "void", "var", "final", "throw", "try", "catch",
            "finally", "switch", "case", "default", "break", "continue", "super", "excludes", "after", "before",
            "window", "length", "time", "attributes", "date", "effective", "expires", "timer", "calendars", "auto",
            "focus", "activation", "duration", "unit", "native", "volatile",
            "transient", "assert", "yield", "record", "sealed", "permits", "non", "private", "public", "protected",
            "abstract", "interface", "enum", "class", "implements", "throws", "strictfp", "goto", "const", "drools",
            "kcontext", "count", "sum", "min", "max", "average", "collectList", "collectSet");
    /** Words that start a fully qualified name rather than a variable. */
    private static final Set<String> PACKAGE_ROOTS = Set.of("java", "javax", "jdk", "sun", "com", "org", "net", "io",
            "kz", "jakarta", "tools", "ch", "groovy", "scala", "kotlin", "mvel", "mvel2");
    private static final Pattern IMPORT = Pattern.compile(
            "^\\s*import\\s+(static\\s+|function\\s+|accumulate\\s+)?([\\w$.]+?)(\\.\\*)?(\\s+\\w+)?\\s*;?\\s*$", Pattern.MULTILINE);
    private static final Pattern DECLARE = Pattern.compile("\\bdeclare\\s+(?:enum\\s+|trait\\s+)?([A-Za-z_$][\\w$]*)");
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][\\w$]*");
    private static final Pattern LOOP = Pattern.compile("\\bfor\\s*\\(([^()]|\\([^()]*\\))*;");
    private static final Pattern TABLE_ROW = Pattern.compile("^// rule values at ([A-Z]+)(\\d+),");

    private final Set<String> seen = new HashSet<>();
    private final Set<String> declared = new HashSet<>();
    private final List<Finding> findings = new ArrayList<>();

    private Vocabulary() {
    }

    /** Every name outside the vocabulary, in every DRL file and decision table of the candidate. */
    public static List<Finding> check(List<RuleFile> files) {
        Vocabulary v = new Vocabulary();
        for (RuleFile f : files) {
            // a type declared in one file of a package is visible in the others
            Matcher d = DECLARE.matcher(f.isDrl() ? strip(f.text()) : "");
            while (d.find()) {
                v.declared.add(d.group(1));
            }
        }
        for (RuleFile f : files) {
            if (f.isDrl()) {
                v.drl(f.path(), f.text(), null);
            } else if (f.isTable()) {
                String drl;
                try {
                    drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(f.content()), InputType.XLS);
                } catch (RuntimeException e) {
                    continue; // the loader names the unreadable table
                }
                v.drl(f.path(), drl, f.content());
            }
        }
        return v.findings;
    }

    private void drl(String path, String text, byte[] table) {
        String code = strip(text);
        String[] lines = code.split("\n", -1);
        Set<String> types = new HashSet<>(declared);
        Set<String> wildcards = new LinkedHashSet<>();
        Matcher d = DECLARE.matcher(code);
        while (d.find()) {
            types.add(d.group(1));
        }
        String[] original = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int lineNo = i + 1;
            if (original[i].contains("\\u")) {
                report(path, text, table, lineNo, "\\u", "a Unicode escape (\\uXXXX): Java reads it before anything else, "
                        + "so it can hide any name; write the character itself");
            }
            Matcher imp = IMPORT.matcher(line);
            if (line.strip().startsWith("package ")) {
                continue;
            }
            if (imp.matches()) {
                importLine(path, text, table, lineNo, imp, types, wildcards);
                continue;
            }
            names(path, text, table, lineNo, line, types, wildcards);
        }
        Matcher loop = LOOP.matcher(code);
        while (loop.find()) {
            report(path, text, table, lineOf(code, loop.start()), "for", "a counting for loop: only for-each over a "
                    + "collection is allowed, so that every rule ends");
        }
    }

    private void importLine(String path, String text, byte[] table, int line, Matcher imp, Set<String> types,
            Set<String> wildcards) {
        String name = imp.group(2);
        boolean member = imp.group(1) != null; // import static / function: the last part is a member
        boolean wildcard = imp.group(3) != null;
        String type = member ? name.substring(0, Math.max(0, name.lastIndexOf('.'))) : name;
        if (!member && wildcard) {
            if (PACKAGES.contains(name) || name.startsWith(FACTS)) {
                wildcards.add(name);
            } else {
                report(path, text, table, line, name, "import of " + name + ".*: " + outside());
            }
            return;
        }
        if (!allowedType(type)) {
            report(path, text, table, line, simple(type), "import of " + type + ": " + outside());
            return;
        }
        if (member && MEMBERS.contains(name.substring(name.lastIndexOf('.') + 1))) {
            report(path, text, table, line, name.substring(name.lastIndexOf('.') + 1), "import of " + name + ": " + outside());
            return;
        }
        types.add(simple(member ? name : type));
    }

    /** Checks each name on one line (comments and strings already blanked). */
    private void names(String path, String text, byte[] table, int line, String code, Set<String> types, Set<String> wildcards) {
        Matcher m = IDENTIFIER.matcher(code);
        while (m.find()) {
            String word = m.group();
            char before = previous(code, m.start());
            if (before == '@' || (m.start() > 0 && Character.isLetterOrDigit(code.charAt(m.start() - 1)))) {
                continue;
            }
            if (before == '.') {
                if (MEMBERS.contains(word)) {
                    report(path, text, table, line, word, "." + word + ": " + (word.equals("now") || word.startsWith("system")
                            ? "rules never read the clock; they use the check's asOf date" : outside()));
                }
                if (UNBOUNDED.contains(word)) {
                    report(path, text, table, line, word, "." + word + ": an endless or unbounded sequence; only for-each "
                            + "over a collection is allowed, so that every rule ends");
                }
                continue;
            }
            if (word.equals("while") || word.equals("do") || word.equals("synchronized")) {
                report(path, text, table, line, word, "'" + word + "': only for-each over a collection is allowed, "
                        + "so that every rule ends");
                continue;
            }
            if (KEYWORDS.contains(word) || word.startsWith("$")) {
                continue;
            }
            if (Character.isLowerCase(word.charAt(0)) || word.charAt(0) == '_') {
                if (PACKAGE_ROOTS.contains(word) && next(code, m.end()) == '.') {
                    String chain = chain(code, m.start());
                    if (!allowedQualified(chain)) {
                        report(path, text, table, line, word, chain + ": " + outside());
                    }
                }
                continue;
            }
            if (!types.contains(word) && !LANG.contains(word) && !inWildcard(word, wildcards)
                    && !(word.equals(word.toUpperCase()) && word.length() > 1)) {
                report(path, text, table, line, word, word + ": " + outside());
            }
        }
    }

    /** The dotted name starting at {@code at}: {@code java.lang.System.exit}. */
    private static String chain(String code, int at) {
        StringBuilder out = new StringBuilder();
        Matcher id = IDENTIFIER.matcher(code);
        while (id.find(at) && code.substring(at, id.start()).isBlank()) {
            out.append(id.group());
            at = id.end();
            int dot = at;
            while (dot < code.length() && Character.isWhitespace(code.charAt(dot))) {
                dot++;
            }
            if (dot >= code.length() || code.charAt(dot) != '.') {
                break;
            }
            out.append('.');
            at = dot + 1;
        }
        return out.toString();
    }

    /** A qualified name is allowed when its package and type are: {@code java.util.List.of} yes, {@code java.io.File} no. */
    static boolean allowedQualified(String chain) {
        String[] parts = chain.split("\\.");
        StringBuilder pkg = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty() && Character.isUpperCase(parts[i].charAt(0))) {
                String type = pkg + "." + parts[i];
                if (i + 1 < parts.length && MEMBERS.contains(parts[i + 1])) {
                    return false;
                }
                return allowedType(type) || (pkg.toString().equals("java.lang") && LANG.contains(parts[i]));
            }
            pkg.append(pkg.isEmpty() ? "" : ".").append(parts[i]);
        }
        return false; // a package without a type: not a name rules need
    }

    static boolean allowedType(String type) {
        int dot = type.lastIndexOf('.');
        if (dot < 0) {
            return false;
        }
        String pkg = type.substring(0, dot);
        // a nested type (Host.Kind): its package is the one before the outer type
        while (!pkg.isEmpty() && Character.isUpperCase(pkg.charAt(pkg.lastIndexOf('.') + 1))) {
            pkg = pkg.substring(0, Math.max(0, pkg.lastIndexOf('.')));
        }
        return ((PACKAGES.contains(pkg) || pkg.startsWith(FACTS)) && !EXCLUDED.contains(type)) || CLASSES.contains(type)
                || (pkg.equals("java.lang") && LANG.contains(type.substring(dot + 1)));
    }

    private static boolean inWildcard(String word, Set<String> wildcards) {
        for (String pkg : wildcards) {
            String type = pkg + "." + word;
            if (EXCLUDED.contains(type)) {
                continue;
            }
            try {
                Class.forName(type, false, Vocabulary.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                // not in this package
            }
        }
        return false;
    }

    private static String outside() {
        return "outside the rules' vocabulary (the project's facts, law and calendar types, java.time, java.util, "
                + "java.math, plain java.lang types)";
    }

    private void report(String path, String text, byte[] table, int line, String word, String message) {
        String where = table == null ? "line " + line : cell(text, table, line, word);
        if (seen.add(path + "\n" + where + "\n" + message)) {
            findings.add(Finding.error(path, where, message));
        }
    }

    /** The cell of a table that put {@code word} on this line of its generated DRL: in the rule's row when it is there. */
    private static String cell(String drl, byte[] table, int line, String word) {
        String[] lines = drl.split("\n", -1);
        Integer row = null;
        for (int i = Math.min(line, lines.length) - 1; i >= 0 && row == null; i--) {
            Matcher m = TABLE_ROW.matcher(lines[i]);
            if (m.find()) {
                row = Integer.parseInt(m.group(2));
            }
        }
        DataFormatter fmt = new DataFormatter();
        String anywhere = null;
        try (Workbook book = WorkbookFactory.create(new ByteArrayInputStream(table))) {
            for (Row r : book.getSheetAt(0)) {
                for (Cell c : r) {
                    if (fmt.formatCellValue(c).contains(word)) {
                        String address = "cell " + c.getAddress().formatAsString();
                        if (row != null && r.getRowNum() + 1 == row) {
                            return address;
                        }
                        anywhere = anywhere == null ? address : anywhere;
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // the loader reports an unreadable table
        }
        return anywhere != null ? anywhere : row != null ? "row " + row : "header rows";
    }

    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static char previous(String s, int at) {
        for (int i = at - 1; i >= 0; i--) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return 0;
    }

    private static char next(String s, int at) {
        for (int i = at; i < s.length(); i++) {
            if (!Character.isWhitespace(s.charAt(i))) {
                return s.charAt(i);
            }
        }
        return 0;
    }

    private static int lineOf(String s, int at) {
        int line = 1;
        for (int i = 0; i < at; i++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Blanks comments and the insides of string and character literals, keeping every line break. */
    static String strip(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    out.append(' ');
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
                for (; i < end; i++) {
                    out.append(text.charAt(i) == '\n' ? '\n' : ' ');
                }
            } else if (c == '"' || c == '\'') {
                out.append(c);
                i++;
                while (i < n && text.charAt(i) != c && text.charAt(i) != '\n') {
                    boolean escape = text.charAt(i) == '\\' && i + 1 < n && text.charAt(i + 1) != '\n';
                    out.append(escape ? "  " : " ");
                    i += escape ? 2 : 1;
                }
                if (i < n && text.charAt(i) == c) {
                    out.append(c);
                    i++;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}

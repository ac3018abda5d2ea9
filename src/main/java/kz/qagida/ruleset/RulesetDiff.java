package kz.qagida.ruleset;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kz.qagida.rules.RuleFile;

/**
 * What changed between two rulesets, as an analyst reads it: for a decision table the rule rows
 * added, removed or changed (keyed by NAME, each changed value with its column, as {@code dump}
 * prints them) and the other lines added or removed; for a DRL file the rules added, removed or
 * changed and a line diff; for other files (messages, reference data, scenarios) a line diff.
 */
public final class RulesetDiff {

    private static final int CONTEXT = 2;
    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+(\"[^\"]+\"|\\S+)");

    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /** One value of a row: {@code before} null when added, {@code after} null when removed. */
    public record Cell(String column, String before, String after) {
    }

    public record RowChange(String name, Kind kind, List<Cell> cells) {
    }

    /** A line of a line diff: {@code op} is ' ' (context), '-' or '+'; a null {@code text} marks skipped lines. */
    public record DiffLine(char op, int before, int after, String text) {

        public boolean gap() {
            return text == null;
        }
    }

    /**
     * A changed file: table rows ({@code rows}, with {@code lines} for its header and other sheets,
     * added and removed), DRL rules changed by name ({@code rules}) and the line diff ({@code lines}).
     */
    public record FileChange(String path, Kind kind, List<RowChange> rows, List<RowChange> rules, List<DiffLine> lines,
            String problem) {

        public boolean table() {
            return path.endsWith(".xlsx");
        }
    }

    private RulesetDiff() {
    }

    public static List<FileChange> compare(List<RuleFile> before, List<RuleFile> after) {
        Map<String, byte[]> a = new TreeMap<>();
        before.forEach(f -> a.put(f.path(), f.content()));
        Map<String, byte[]> b = new TreeMap<>();
        after.forEach(f -> b.put(f.path(), f.content()));
        TreeSet<String> paths = new TreeSet<>(a.keySet());
        paths.addAll(b.keySet());
        List<FileChange> changes = new ArrayList<>();
        for (String path : paths) {
            byte[] x = a.get(path);
            byte[] y = b.get(path);
            if (x != null && y != null && Arrays.equals(x, y)) {
                continue;
            }
            Kind kind = x == null ? Kind.ADDED : y == null ? Kind.REMOVED : Kind.CHANGED;
            try {
                changes.add(path.endsWith(".xlsx") ? table(path, kind, x, y) : text(path, kind, x, y));
            } catch (RuntimeException e) {
                changes.add(new FileChange(path, kind, List.of(), List.of(), List.of(), "cannot be read: " + e.getMessage()));
            }
        }
        return changes;
    }

    private static FileChange table(String path, Kind kind, byte[] x, byte[] y) {
        List<TableText.Line> before = x == null ? List.of() : TableText.read(new RuleFile(path, x));
        List<TableText.Line> after = y == null ? List.of() : TableText.read(new RuleFile(path, y));
        Map<String, List<TableText.Value>> old = rows(before);
        Map<String, List<TableText.Value>> now = rows(after);
        List<RowChange> rows = new ArrayList<>();
        for (var e : old.entrySet()) {
            List<TableText.Value> n = now.get(e.getKey());
            if (n == null) {
                rows.add(new RowChange(e.getKey(), Kind.REMOVED, e.getValue().stream().map(v -> new Cell(v.column(), v.value(), null)).toList()));
            } else if (!n.equals(e.getValue())) {
                rows.add(new RowChange(e.getKey(), Kind.CHANGED, cells(e.getValue(), n)));
            }
        }
        for (var e : now.entrySet()) {
            if (!old.containsKey(e.getKey())) {
                rows.add(new RowChange(e.getKey(), Kind.ADDED, e.getValue().stream().map(v -> new Cell(v.column(), null, v.value())).toList()));
            }
        }
        // header rows and other sheets: the lines only one side has
        List<String> was = before.stream().filter(l -> l.name() == null).map(TableText.Line::text).toList();
        List<String> is = after.stream().filter(l -> l.name() == null).map(TableText.Line::text).toList();
        List<DiffLine> lines = new ArrayList<>();
        minus(was, is).forEach(t -> lines.add(new DiffLine('-', 0, 0, t)));
        minus(is, was).forEach(t -> lines.add(new DiffLine('+', 0, 0, t)));
        return new FileChange(path, kind, rows, List.of(), lines, null);
    }

    /** Rule rows by NAME (a repeated NAME gets "#2", "#3"), in the table's order. */
    private static Map<String, List<TableText.Value>> rows(List<TableText.Line> lines) {
        Map<String, List<TableText.Value>> rows = new LinkedHashMap<>();
        for (TableText.Line l : lines) {
            if (l.name() != null) {
                String key = l.name();
                for (int n = 2; rows.containsKey(key); n++) {
                    key = l.name() + " #" + n;
                }
                rows.put(key, l.values());
            }
        }
        return rows;
    }

    private static List<Cell> cells(List<TableText.Value> before, List<TableText.Value> after) {
        Map<String, String> a = byColumn(before);
        Map<String, String> b = byColumn(after);
        List<Cell> cells = new ArrayList<>();
        a.forEach((column, value) -> {
            if (!Objects.equals(value, b.get(column))) {
                cells.add(new Cell(column, value, b.get(column)));
            }
        });
        b.forEach((column, value) -> {
            if (!a.containsKey(column)) {
                cells.add(new Cell(column, null, value));
            }
        });
        return cells;
    }

    private static Map<String, String> byColumn(List<TableText.Value> values) {
        Map<String, String> map = new LinkedHashMap<>();
        for (TableText.Value v : values) {
            String key = v.column();
            for (int n = 2; map.containsKey(key); n++) {
                key = v.column() + " #" + n;
            }
            map.put(key, v.value());
        }
        return map;
    }

    private static List<String> minus(List<String> a, List<String> b) {
        Map<String, Integer> count = new HashMap<>();
        b.forEach(s -> count.merge(s, 1, Integer::sum));
        List<String> out = new ArrayList<>();
        for (String s : a) {
            if (count.getOrDefault(s, 0) > 0) {
                count.merge(s, -1, Integer::sum);
            } else {
                out.add(s);
            }
        }
        return out;
    }

    private static FileChange text(String path, Kind kind, byte[] x, byte[] y) {
        String before = x == null ? "" : new String(x, StandardCharsets.UTF_8);
        String after = y == null ? "" : new String(y, StandardCharsets.UTF_8);
        List<RowChange> rules = List.of();
        if (path.endsWith(".drl")) {
            rules = new ArrayList<>();
            Map<String, String> old = rules(before);
            Map<String, String> now = rules(after);
            for (var e : old.entrySet()) {
                String n = now.get(e.getKey());
                if (n == null || !n.equals(e.getValue())) {
                    rules.add(new RowChange(e.getKey(), n == null ? Kind.REMOVED : Kind.CHANGED, List.of()));
                }
            }
            for (String name : now.keySet()) {
                if (!old.containsKey(name)) {
                    rules.add(new RowChange(name, Kind.ADDED, List.of()));
                }
            }
        }
        return new FileChange(path, kind, List.of(), rules, lines(split(before), split(after)), null);
    }

    /** The rules of a DRL file by name, each with its text up to the next rule. */
    static Map<String, String> rules(String drl) {
        Map<String, String> rules = new LinkedHashMap<>();
        Matcher m = RULE.matcher(drl);
        List<Integer> starts = new ArrayList<>();
        List<String> names = new ArrayList<>();
        while (m.find()) {
            starts.add(m.start());
            names.add(m.group(1).replace("\"", ""));
        }
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1) : drl.length();
            rules.put(names.get(i), drl.substring(starts.get(i), end).strip());
        }
        return rules;
    }

    private static List<String> split(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\r?\n", -1));
    }

    /** A line diff (longest common subsequence) with {@value #CONTEXT} lines of context around each change. */
    static List<DiffLine> lines(List<String> a, List<String> b) {
        // the common head (and, for long files, the common tail) is matched first, so that the table below
        // covers only the changed middle; a short file keeps its tail, which reads better (the first "end"
        // after a change is the rule's own)
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) {
            head++;
        }
        int tail = 0;
        boolean large = (long) (a.size() - head) * (b.size() - head) > 4_000_000L;
        while (large && tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) {
            tail++;
        }
        int n = a.size() - tail;
        int m = b.size() - tail;
        int[][] lcs = new int[n - head + 1][m - head + 1];
        for (int i = n - 1; i >= head; i--) {
            for (int j = m - 1; j >= head; j--) {
                lcs[i - head][j - head] = a.get(i).equals(b.get(j)) ? lcs[i - head + 1][j - head + 1] + 1
                        : Math.max(lcs[i - head + 1][j - head], lcs[i - head][j - head + 1]);
            }
        }
        List<DiffLine> all = new ArrayList<>();
        for (int k = 0; k < head; k++) {
            all.add(new DiffLine(' ', k + 1, k + 1, a.get(k)));
        }
        int i = head;
        int j = head;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                all.add(new DiffLine(' ', ++i, ++j, a.get(i - 1)));
            } else if (i < n && (j == m || lcs[i - head + 1][j - head] >= lcs[i - head][j - head + 1])) {
                all.add(new DiffLine('-', ++i, 0, a.get(i - 1)));
            } else {
                all.add(new DiffLine('+', 0, ++j, b.get(j - 1)));
            }
        }
        for (int k = 0; k < tail; k++) {
            all.add(new DiffLine(' ', n + k + 1, m + k + 1, a.get(n + k)));
        }
        boolean[] keep = new boolean[all.size()];
        for (int k = 0; k < all.size(); k++) {
            if (all.get(k).op() != ' ') {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(all.size() - 1, k + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        List<DiffLine> out = new ArrayList<>();
        for (int k = 0; k < all.size(); k++) {
            if (keep[k]) {
                out.add(all.get(k));
            } else if (k > 0 && keep[k - 1]) {
                out.add(new DiffLine(' ', 0, 0, null));
            }
        }
        if (!out.isEmpty() && !keep[0] && !out.get(0).gap()) {
            out.add(0, new DiffLine(' ', 0, 0, null));
        }
        return out;
    }
}

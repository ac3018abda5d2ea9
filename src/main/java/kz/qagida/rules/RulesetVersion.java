package kz.qagida.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A ruleset's version: SHA-256 over the sorted relative paths and the content the rules are built
 * from. A decision table counts by its cells as text ({@link TableCells#content}), so re-saving a
 * table unchanged, or typing 60 as a number instead of as text, changes no version; every other
 * file counts by its bytes.
 */
public final class RulesetVersion {

    /**
     * A table's cells as text, by the SHA-256 of its bytes: reading a workbook takes tens of
     * milliseconds, and every load, follow and publish computes the version of tables it has mostly
     * read before. Bounded, least recently used first out.
     */
    private static final Map<String, String> CELLS = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > 256;
        }
    };

    private RulesetVersion() {
    }

    public static String of(List<RuleFile> files) {
        return hash(files, true);
    }

    /** The version as earlier builds computed it (every file's bytes), to recognise rulesets stored by them. */
    public static String ofBytes(List<RuleFile> files) {
        return hash(files, false);
    }

    private static String hash(List<RuleFile> files, boolean tableCells) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.stream().sorted(Comparator.comparing(RuleFile::path)).forEach(f -> {
                sha.update(f.path().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                String cells = tableCells && f.isTable() ? cells(f.content()) : null;
                byte[] content = cells == null ? f.content() : cells.getBytes(StandardCharsets.UTF_8);
                sha.update(Integer.toString(content.length).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(content);
            });
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A table's cells as text (null when it cannot be read), read once per content. */
    static String cells(byte[] table) {
        String key = key(table);
        synchronized (CELLS) {
            String known = CELLS.get(key);
            if (known != null) {
                return known;
            }
        }
        String cells = TableCells.content(table);
        if (cells != null) {
            synchronized (CELLS) {
                CELLS.put(key, cells);
            }
        }
        return cells;
    }

    /** Keeps a table's cells as text read before (a compiled file taken from the cache carries them). */
    static void remember(byte[] table, String cells) {
        String key = key(table);
        synchronized (CELLS) {
            CELLS.put(key, cells);
        }
    }

    private static String key(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

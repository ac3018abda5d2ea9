package kz.qagida.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A ruleset's version: SHA-256 over the sorted relative paths and the content the rules are built
 * from. A decision table counts by its cells as text ({@link TableCells#content}), so re-saving a
 * table unchanged, or typing 60 as a number instead of as text, changes no version; every other
 * file counts by its bytes.
 */
public final class RulesetVersion {

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
                String cells = tableCells && f.isTable() ? TableCells.content(f.content()) : null;
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
}

package kz.qagida.ruleset;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Reads an uploaded zip of a rules root, treating it as hostile: bounded in entries, in unzipped
 * size and in compression ratio; no absolute paths, no {@code ..}, no links. A refusal names the
 * entry. Only files under the rules root's folders are kept (others, such as {@code __MACOSX/},
 * are skipped).
 */
public final class Uploads {

    /** The bounds of an upload. */
    public record Limits(int maxEntries, long maxUnzippedBytes, int maxRatio) {

        public static final Limits DEFAULT = new Limits(2_000, 50L * 1024 * 1024, 100);
    }

    /** An upload refused before the gate: {@code status} 400 (malformed or hostile) or 413 (too large). */
    public static final class Refused extends RuntimeException {

        private final String entry;
        private final int status;

        public Refused(String entry, int status, String message) {
            super(message);
            this.entry = entry;
            this.status = status;
        }

        public String entry() {
            return entry;
        }

        public int status() {
            return status;
        }
    }

    /** The top-level folders whose files make a candidate (the rules and the scenarios the gate runs). */
    static final List<String> FOLDERS = List.of("rules-drl", "decision-tables", "messages", "reference", "scenarios");

    private Uploads() {
    }

    /** The files of a zipped rules root, by relative path. */
    public static Map<String, byte[]> unzip(byte[] zip, Limits limits) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (ZipFile archive = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(zip)).get()) {
            List<ZipArchiveEntry> entries = Collections.list(archive.getEntries());
            if (entries.isEmpty()) {
                throw new Refused("(zip)", 400, "the zip holds no entries");
            }
            if (entries.size() > limits.maxEntries()) {
                throw new Refused("(zip)", 413, "the zip holds " + entries.size() + " entries, more than " + limits.maxEntries());
            }
            long total = 0;
            long ceiling = Math.min(limits.maxUnzippedBytes(), Math.max(1, (long) zip.length) * limits.maxRatio());
            for (ZipArchiveEntry e : entries) {
                String name = checkPath(e.getName());
                if (e.isUnixSymlink()) {
                    throw new Refused(e.getName(), 400, "entry " + e.getName() + " is a link; links are refused");
                }
                if (e.isDirectory() || !underFolders(name)) {
                    continue;
                }
                if (files.containsKey(name)) {
                    throw new Refused(e.getName(), 400, "entry " + e.getName() + " appears twice");
                }
                if (!archive.canReadEntryData(e)) {
                    throw new Refused(e.getName(), 400, "entry " + e.getName() + " uses an unsupported compression or encryption");
                }
                byte[] bytes;
                try (InputStream in = archive.getInputStream(e)) {
                    bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, ceiling - total + 1));
                }
                total += bytes.length;
                if (total > ceiling) {
                    throw new Refused(e.getName(), 413, "the zip unzips to more than " + ceiling + " bytes at entry " + e.getName()
                            + " (at most " + limits.maxUnzippedBytes() + " bytes and " + limits.maxRatio()
                            + " times the zip's size)");
                }
                files.put(name, bytes);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new Refused("(zip)", 400, "not a readable zip: " + e.getMessage());
        }
        if (files.isEmpty()) {
            throw new Refused("(zip)", 400, "the zip holds no files under " + String.join("/, ", FOLDERS) + "/");
        }
        return files;
    }

    /** A relative path inside the rules root, with forward slashes; refused when absolute or climbing out. */
    public static String checkPath(String name) {
        if (name == null || name.isBlank()) {
            throw new Refused(String.valueOf(name), 400, "an entry has no name");
        }
        if (name.indexOf('\0') >= 0 || name.indexOf('\\') >= 0) {
            throw new Refused(name, 400, "entry " + name + " has a backslash or NUL in its name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw new Refused(name, 400, "entry " + name + " is an absolute path");
        }
        List<String> parts = new ArrayList<>();
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new Refused(name, 400, "entry " + name + " climbs out of the rules root (..)");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return String.join("/", parts) + (name.endsWith("/") ? "/" : "");
    }

    /** True for a path the rules root reads: rules-drl/**.drl, decision-tables/**.drl.xlsx, messages|reference|scenarios/**.yaml. */
    static boolean recognized(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith(".") || name.startsWith("~$")) {
            return false;
        }
        return (path.startsWith("rules-drl/") && name.endsWith(".drl"))
                || (path.startsWith("decision-tables/") && name.endsWith(".drl.xlsx"))
                || ((path.startsWith("messages/") || path.startsWith("reference/") || path.startsWith("scenarios/"))
                        && name.endsWith(".yaml"));
    }

    static boolean underFolders(String path) {
        return FOLDERS.stream().anyMatch(f -> path.startsWith(f + "/"));
    }
}

package kz.qagida.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.drools.base.common.DroolsObjectInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import kz.qagida.rules.FileCompiler.Compiled;

/**
 * Compiled rule files kept by key: a SHA-256 of this build of Qagida (its classes, the Drools and
 * Java versions), the file's path and its bytes. Looked up in a folder ({@code ./data/compiled} by
 * default), then in the jar ({@code qagida-rules/compiled/}, made at build time); written to the
 * folder. An entry is trusted only if its checksum and key match; anything else is ignored, and the
 * file is compiled again.
 */
public final class CompiledCache {

    private static final Logger log = LoggerFactory.getLogger(CompiledCache.class);
    private static final byte[] MAGIC = "QAGIDA-COMPILED-2\n".getBytes(StandardCharsets.US_ASCII);
    private static final String CLASSPATH_DIR = RuleSource.CLASSPATH_ROOT + "compiled/";
    /** Entries kept in the folder; the least recently used beyond this are deleted. */
    private static final int KEPT_ENTRIES = 1_000;
    private static volatile String build;

    /** No cache: every load compiles every file. */
    public static final CompiledCache NONE = new CompiledCache(null, false);

    private final Path directory;
    private final boolean packaged;

    private CompiledCache(Path directory, boolean packaged) {
        this.directory = directory;
        this.packaged = packaged;
    }

    /** Entries in {@code directory} (null: none), and those packaged in the jar. */
    public static CompiledCache in(Path directory) {
        return new CompiledCache(directory, true);
    }

    /** Entries in {@code directory} only (the build step that makes the jar's entries). */
    static CompiledCache only(Path directory) {
        return new CompiledCache(directory, false);
    }

    public Path directory() {
        return directory;
    }

    static String key(RuleFile f) {
        MessageDigest sha = sha256();
        sha.update(buildId().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(f.path().getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(f.content());
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The entry for the key, or null when there is none that can be trusted. */
    Compiled get(String key) {
        if (directory != null) {
            Path p = directory.resolve(key + ".bin");
            if (Files.isRegularFile(p)) {
                try {
                    Compiled c = decode(key, Files.readAllBytes(p));
                    Files.setLastModifiedTime(p, FileTime.fromMillis(System.currentTimeMillis()));
                    return c;
                } catch (IOException | RuntimeException e) {
                    log.warn("Ignoring the compiled rules in {}: {}", p, e.toString());
                }
            }
        }
        if (packaged) {
            try (InputStream in = CompiledCache.class.getClassLoader().getResourceAsStream(CLASSPATH_DIR + key + ".bin")) {
                if (in != null) {
                    return decode(key, in.readAllBytes());
                }
            } catch (IOException | RuntimeException e) {
                log.warn("Ignoring the packaged compiled rules {}: {}", key, e.toString());
            }
        }
        return null;
    }

    /** Keeps the entry in the folder (written whole, then renamed, so a reader never sees half). */
    void put(String key, Compiled c) {
        if (directory == null) {
            return;
        }
        try {
            Files.createDirectories(directory);
            Path tmp = Files.createTempFile(directory, key, ".tmp");
            Files.write(tmp, encode(key, c));
            Files.move(tmp, directory.resolve(key + ".bin"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot keep the compiled rules in {}: {}", directory, e.toString());
        }
    }

    /** Deletes the least recently used entries beyond {@value #KEPT_ENTRIES}. */
    void prune() {
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> list = Files.list(directory)) {
            List<Path> entries = list.filter(p -> p.getFileName().toString().endsWith(".bin"))
                    .sorted(Comparator.comparing(CompiledCache::modified).reversed()).toList();
            for (Path old : entries.subList(Math.min(KEPT_ENTRIES, entries.size()), entries.size())) {
                Files.deleteIfExists(old);
            }
        } catch (IOException | UncheckedIOException e) {
            log.warn("Cannot prune the compiled rules in {}: {}", directory, e.toString());
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    static byte[] encode(String key, Compiled c) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(body)) {
            write(out, key);
            write(out, c.path());
            write(out, c.drl());
            out.writeInt(c.locations().size());
            for (var e : c.locations().entrySet()) {
                write(out, e.getKey());
                write(out, e.getValue());
            }
            out.writeInt(c.rows().size());
            for (var e : c.rows().entrySet()) {
                write(out, e.getKey());
                out.writeInt(e.getValue());
            }
            out.writeInt(c.notes().size());
            for (var e : c.notes().entrySet()) {
                out.writeInt(e.getKey());
                write(out, e.getValue());
            }
            out.writeInt(c.packages().length);
            out.write(c.packages());
            out.writeBoolean(c.cells() != null);
            if (c.cells() != null) {
                write(out, c.cells());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] b = body.toByteArray();
        ByteArrayOutputStream all = new ByteArrayOutputStream(b.length + 64);
        all.writeBytes(MAGIC);
        all.writeBytes(sha256().digest(b));
        all.writeBytes(b);
        return all.toByteArray();
    }

    static Compiled decode(String key, byte[] bytes) throws IOException {
        int head = MAGIC.length + 32;
        if (bytes.length < head || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException("not a compiled rules entry of this format");
        }
        if (!Arrays.equals(sha256().digest(Arrays.copyOfRange(bytes, head, bytes.length)), Arrays.copyOfRange(bytes, MAGIC.length, head))) {
            throw new IOException("checksum mismatch");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, head, bytes.length - head))) {
            if (!key.equals(read(in))) {
                throw new IOException("entry made for another key");
            }
            String path = read(in);
            String drl = read(in);
            Map<String, String> locations = new HashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                locations.put(read(in), read(in));
            }
            Map<String, Integer> rows = new HashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                rows.put(read(in), in.readInt());
            }
            Map<Integer, String> notes = new HashMap<>();
            for (int i = in.readInt(); i > 0; i--) {
                notes.put(in.readInt(), read(in));
            }
            byte[] packages = in.readNBytes(in.readInt());
            String cells = in.readBoolean() ? read(in) : null;
            return new Compiled(path, drl, Map.copyOf(locations), Map.copyOf(rows), Map.copyOf(notes), packages, cells);
        }
    }

    private static void write(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String read(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("truncated entry");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /**
     * This build of Qagida: a SHA-256 of its own classes (compiled rules refer to the facts' classes
     * and the rules' helpers), the Drools version and the Java feature version. Computed once.
     */
    static String buildId() {
        String b = build;
        if (b == null) {
            b = computeBuildId();
            build = b;
        }
        return b;
    }

    private static String computeBuildId() {
        MessageDigest sha = sha256();
        String self = "kz/qagida/rules/CompiledCache.class";
        String url = String.valueOf(CompiledCache.class.getClassLoader().getResource(self));
        String root = url.substring(0, url.length() - self.length());
        try {
            Resource[] classes = new PathMatchingResourcePatternResolver(CompiledCache.class.getClassLoader())
                    .getResources("classpath*:kz/qagida/**/*.class");
            Map<String, Resource> own = new java.util.TreeMap<>();
            for (Resource r : classes) {
                String u = r.getURL().toString();
                if (u.startsWith(root)) {
                    own.put(u.substring(root.length()), r);
                }
            }
            for (var e : own.entrySet()) {
                sha.update(e.getKey().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                try (InputStream in = e.getValue().getInputStream()) {
                    sha.update(in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the application's classes", e);
        }
        String drools = DroolsObjectInputStream.class.getPackage().getImplementationVersion();
        sha.update(("drools " + drools + " java " + Runtime.version().feature()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

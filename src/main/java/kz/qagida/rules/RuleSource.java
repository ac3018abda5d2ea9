package kz.qagida.rules;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the files of a rules root: {@code rules-drl/**.drl}, {@code decision-tables/**.drl.xlsx},
 * {@code messages/*.yaml} and {@code reference/*.yaml} (reference data such as the migration
 * offices), from a folder or from the copies packaged in the jar.
 */
public final class RuleSource {

    /** Where the build packages the rule folders inside the jar. */
    static final String CLASSPATH_ROOT = "qagida-rules/";

    /** The folders of a rules root whose files make a ruleset (and its version). */
    public static final List<String> FOLDERS = List.of("rules-drl", "decision-tables", "messages", "reference");

    private RuleSource() {
    }

    static boolean wanted(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.startsWith("~$") || name.startsWith(".")) {
            return false; // editor lock and hidden files
        }
        return (path.startsWith("rules-drl/") && name.endsWith(".drl"))
                || (path.startsWith("decision-tables/") && name.endsWith(".drl.xlsx"))
                || (path.startsWith("messages/") && name.endsWith(".yaml"))
                || (path.startsWith("reference/") && name.endsWith(".yaml"));
    }

    /** True when {@code root} holds rule folders. */
    public static boolean isRulesRoot(Path root) {
        return Files.isDirectory(root.resolve("rules-drl")) || Files.isDirectory(root.resolve("decision-tables"));
    }

    public static List<RuleFile> fromDirectory(Path root) {
        List<RuleFile> files = new ArrayList<>();
        for (String folder : FOLDERS) {
            Path dir = root.resolve(folder);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.filter(Files::isRegularFile).toList()) {
                    String rel = root.relativize(p).toString().replace('\\', '/');
                    if (wanted(rel)) {
                        files.add(new RuleFile(rel, Files.readAllBytes(p)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read rules under " + dir, e);
            }
        }
        files.sort(Comparator.comparing(RuleFile::path));
        return files;
    }

    public static List<RuleFile> fromClasspath() {
        try {
            List<RuleFile> files = new ArrayList<>();
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + CLASSPATH_ROOT + "**/*")) {
                String url = r.getURL().toString();
                int at = url.lastIndexOf(CLASSPATH_ROOT);
                if (at < 0 || !r.isReadable()) {
                    continue;
                }
                String rel = url.substring(at + CLASSPATH_ROOT.length());
                if (wanted(rel)) {
                    try (InputStream in = r.getInputStream()) {
                        files.add(new RuleFile(rel, in.readAllBytes()));
                    }
                }
            }
            files.sort(Comparator.comparing(RuleFile::path));
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged rules", e);
        }
    }
}

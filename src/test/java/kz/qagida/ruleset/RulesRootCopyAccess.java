package kz.qagida.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import kz.qagida.rules.TestRules;

/** {@link RulesRootCopy} for tests in other packages. */
public final class RulesRootCopyAccess {

    private RulesRootCopyAccess() {
    }

    public static Path fresh() {
        try {
            Path dir = Files.createTempDirectory("qagida-rules");
            RulesRootCopy.copy(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the project's files back, leaving no file the project does not have. */
    public static void restore(Path root) throws IOException {
        for (String folder : RulesRootCopy.FOLDERS) {
            Path dir = root.resolve(folder);
            try (Stream<Path> walk = Files.walk(dir)) {
                walk.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(dir)).forEach(p -> p.toFile().delete());
            }
            try (Stream<Path> walk = Files.walk(TestRules.ROOT.resolve(folder))) {
                for (Path p : walk.toList()) {
                    Path target = root.resolve(TestRules.ROOT.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    public static void editCell(Path table, String ruleName, String from, String to) throws IOException {
        RulesRootCopy.editCell(table, ruleName, from, to);
    }

    public static void replaceInFile(Path file, String from, String to) throws IOException {
        RulesRootCopy.replaceInFile(file, from, to);
    }

    public static byte[] zip(Path root) throws IOException {
        return RulesRootCopy.zip(root);
    }
}

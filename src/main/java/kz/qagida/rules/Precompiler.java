package kz.qagida.rules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The build step that packages compiled rules in the jar: compiles the rules root given as the
 * first argument into the folder given as the second (the build passes the copies it packages and
 * {@code qagida-rules/compiled/} in the classes folder). A rules root that does not load fails the build.
 */
public final class Precompiler {

    private Precompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Precompiler <rules root> <output folder>");
        }
        Path out = Path.of(args[1]);
        // entries of earlier builds would only make the jar larger
        if (Files.isDirectory(out)) {
            try (Stream<Path> old = Files.list(out)) {
                for (Path p : old.filter(p -> p.getFileName().toString().endsWith(".bin")).toList()) {
                    Files.delete(p);
                }
            }
        }
        RuleBase base = RuleBaseLoader.load(RuleSource.fromDirectory(Path.of(args[0])), CompiledCache.only(out));
        System.out.println("Compiled " + base.catalog().size() + " rules of ruleset " + base.version() + " into " + args[1]);
    }
}

package kz.qagida.rules;

import java.nio.file.Path;

/**
 * The build step that packages compiled rules in the jar: compiles the rules root given as the
 * first argument into the folder given as the second (the build passes the copies it packages and
 * {@code qagida-rules/compiled/} in the classes folder). A rules root that does not load fails the build.
 */
public final class Precompiler {

    private Precompiler() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: Precompiler <rules root> <output folder>");
        }
        RuleBase base = RuleBaseLoader.load(RuleSource.fromDirectory(Path.of(args[0])), CompiledCache.only(Path.of(args[1])));
        System.out.println("Compiled " + base.catalog().size() + " rules of ruleset " + base.version() + " into " + args[1]);
    }
}

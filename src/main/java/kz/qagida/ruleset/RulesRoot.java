package kz.qagida.ruleset;

import java.nio.file.Path;
import java.util.List;

import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleSource;

/** Where the rules come from: a folder (which can change and be watched) or the jar's copies. */
public record RulesRoot(Path directory) {

    public static RulesRoot packaged() {
        return new RulesRoot(null);
    }

    public boolean isDirectory() {
        return directory != null;
    }

    public List<RuleFile> files() {
        return isDirectory() ? RuleSource.fromDirectory(directory) : RuleSource.fromClasspath();
    }

    public List<Scenario> scenarios() {
        return isDirectory() ? ScenarioRunner.read(directory) : List.of();
    }
}

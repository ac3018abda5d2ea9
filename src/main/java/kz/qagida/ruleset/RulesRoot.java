package kz.qagida.ruleset;

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

import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleSource;

/** Where the rules come from: a folder (which can change and be watched) or the jar's copies. */
public record RulesRoot(Path directory) {

    private static final String PACKAGED_SCENARIOS = "qagida-rules/scenarios/";

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

    /** The rule files and the scenario files ({@code scenarios/**.yaml}): what a publish of this root sends. */
    public List<RuleFile> candidateFiles() {
        List<RuleFile> all = new ArrayList<>(files());
        all.addAll(isDirectory() ? scenarioFiles(directory) : packagedScenarioFiles());
        all.sort(Comparator.comparing(RuleFile::path));
        return all;
    }

    static List<RuleFile> scenarioFiles(Path root) {
        Path dir = root.resolve(ScenarioRunner.FOLDER);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<RuleFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".yaml")).toList()) {
                files.add(new RuleFile(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scenarios under " + dir, e);
        }
        return files;
    }

    private static List<RuleFile> packagedScenarioFiles() {
        List<RuleFile> files = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:" + PACKAGED_SCENARIOS + "**/*.yaml")) {
                String url = r.getURL().toString();
                int at = url.lastIndexOf(PACKAGED_SCENARIOS);
                if (at >= 0 && r.isReadable()) {
                    try (InputStream in = r.getInputStream()) {
                        files.add(new RuleFile("scenarios/" + url.substring(at + PACKAGED_SCENARIOS.length()), in.readAllBytes()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged scenarios", e);
        }
        return files;
    }
}

package kz.qagida.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/**
 * Hostile candidates through the confined gate (a child JVM): what the vocabulary lint refuses by name
 * and line, and what only the child's limits can stop (a stream without end, a rule that re-fires itself
 * filling the heap), each refused with a reason within the limit and no temporary folder left behind.
 * Candidates are tiny (one DRL, one scenario), so each child costs about a JVM start.
 */
class ConfinedGateTests {

    private static final GateLimits LIMITS = new GateLimits(DataSize.ofMegabytes(128), Duration.ofSeconds(180),
            Duration.ofSeconds(25));
    private static final String HEADER = """
            package kz.qagida.rules.hostile;

            import kz.qagida.facts.input.*;
            import kz.qagida.law.*;

            """;
    private static final String SCENARIO = """
            scenarios:
              - name: "Anyone"
                request: { asOf: "2024-06-01", person: { citizenship: "DE" } }
                expect: { status: COMPLIANT }
            """;

    @TempDir
    Path root;

    private static String rule(String name, String then) {
        return "rule \"XX-1 " + name + "\"\n    @id(\"XX-1\") @citation(\"RULES_148 para. 9\") @source(\"002_d0b006081fdc65c8.txt\")\n"
                + "when\n    $p : Person()\nthen\n" + then + "\nend\n";
    }

    private List<Path> before;

    private GateReport gate(Map<String, String> files) throws IOException {
        before = gateFolders();
        for (var e : files.entrySet()) {
            Path p = root.resolve(e.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, e.getValue());
        }
        return new GateProcess(LIMITS, 20_000).check(root);
    }

    @Test
    void rulesThatReachOutsideTheVocabularyAreRefusedByFileAndLineWithoutRunning() throws IOException {
        GateReport report = gate(Map.of(
                "rules-drl/exec.drl", HEADER + rule("Exec", "    Runtime.getRuntime().exec(\"touch /tmp/pwned\");"),
                "rules-drl/env.drl", HEADER + rule("Env", "    throw new IllegalStateException(System.getenv(\"QAGIDA_API_KEYS\"));"),
                "rules-drl/exit.drl", HEADER + rule("Exit", "    java.lang.System.exit(0);"),
                "rules-drl/reflection.drl", HEADER + rule("Reflect", "    $p.getClass().getClassLoader().loadClass(\"x\");"),
                "rules-drl/file.drl", HEADER + "import java.nio.file.Files;\n\n"
                        + rule("File", "    Files.readString(java.nio.file.Path.of(\"/etc/passwd\"));"),
                "rules-drl/loop.drl", HEADER + rule("Loop", "    while (true) { }"),
                "scenarios/s.yaml", SCENARIO));
        assertThat(report.passed()).isFalse();
        assertThat(report.scenariosRun()).as("nothing ran").isZero();
        assertThat(report.errors()).extracting(Finding::toString).anySatisfy(f -> assertThat(f)
                .startsWith("ERROR rules-drl/exec.drl (line 11): Runtime: outside the rules' vocabulary"));
        assertThat(report.errors()).extracting(Finding::toString)
                .anySatisfy(f -> assertThat(f).startsWith("ERROR rules-drl/env.drl (line 11): System: outside"))
                .anySatisfy(f -> assertThat(f).startsWith("ERROR rules-drl/exit.drl (line 11): java.lang.System.exit: outside"))
                .anySatisfy(f -> assertThat(f).startsWith("ERROR rules-drl/reflection.drl (line 11): .getClass: outside"))
                .anySatisfy(f -> assertThat(f).startsWith("ERROR rules-drl/file.drl (line 6): import of java.nio.file.Files"))
                .anySatisfy(f -> assertThat(f).startsWith("ERROR rules-drl/file.drl (line 13): java.nio.file.Path.of: outside"))
                .anySatisfy(f -> assertThat(f).startsWith("ERROR rules-drl/loop.drl (line 11): 'while': only for-each"));
        assertThat(Files.exists(Path.of("/tmp/pwned"))).isFalse();
        assertNoGateFolderLeft();
    }

    @Test
    void aRuleThatNeverEndsIsKilledAtTheLimitNamingTheScenario() throws IOException {
        long started = System.nanoTime();
        GateReport report = gate(Map.of(
                // inside the vocabulary (a function, no loop), yet 2^62 calls: only the child's limits stop it
                "rules-drl/spin.drl", HEADER + "function long spin(int n) {\n    return n <= 0 ? 1L : spin(n - 1) + spin(n - 1);\n}\n\n"
                        + rule("Spin", "    spin(62);"),
                "scenarios/s.yaml", SCENARIO));
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("scenarios/s.yaml");
            // which limit trips first depends on how much of the shared machine the child gets
            assertThat(f.message()).containsAnyOf("used more than the gate's CPU time limit of 25 s",
                    "ran for longer than the gate's wall-clock limit of 180 s")
                    .contains("while running scenario scenarios/s.yaml: Anyone");
        });
        assertThat(took).isLessThan(LIMITS.wallClock().plusSeconds(15));
        assertNoGateFolderLeft();
    }

    @Test
    void aRuleThatRefiresItselfFillingTheHeapIsStoppedByTheChildsMemory() throws IOException {
        GateReport report = gate(Map.of(
                "rules-drl/fill.drl", HEADER + "declare Blob\n    text : String\nend\n\n"
                        + rule("Fill", "    insert(new Blob(new String(new char[1_000_000])));\n    update($p);"),
                "scenarios/s.yaml", SCENARIO));
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(f -> assertThat(f.message())
                .contains("filled the gate's memory of 128 MB").contains("while running scenario scenarios/s.yaml: Anyone"));
        assertNoGateFolderLeft();
    }

    @Test
    void aRuleThatRefiresWithoutEndHitsTheFiringCeiling() throws IOException {
        GateReport report = gate(Map.of(
                "rules-drl/refire.drl", HEADER + rule("Refire", "    update($p);"),
                "scenarios/s.yaml", SCENARIO));
        assertThat(report.passed()).isFalse();
        assertThat(report.scenarioFailures()).singleElement().asString()
                .contains("scenarios/s.yaml: Anyone: refused: the rules fired more than 20000 times");
        assertNoGateFolderLeft();
    }

    @Test
    void aHostileScenarioIsRefusedWithItsReason() throws IOException {
        GateReport report = gate(Map.of(
                "rules-drl/ok.drl", HEADER + rule("Fine", "    // nothing"),
                "scenarios/bomb.yaml", """
                        a: &a ["x","x","x","x","x","x","x","x","x","x"]
                        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
                        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
                        d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
                        e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
                        f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
                        scenarios: [*f]
                        """));
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo("scenarios/");
            assertThat(f.message()).startsWith("cannot read");
        });
        assertNoGateFolderLeft();
    }

    @Test
    void theChildStartsWithAnEmptyEnvironmentAndItsOwnLimits() {
        ProcessBuilder builder = new GateProcess(LIMITS, 7).builder(root, root.resolve("r"), root.resolve("s"));
        assertThat(builder.environment()).isEmpty();
        assertThat(builder.command()).contains("-Xmx128m", "-XX:+ExitOnOutOfMemoryError", "-Dqagida.checks.max-firings=7")
                .noneMatch(a -> a.contains("QAGIDA_API_KEYS") || a.contains("password") || a.contains("spring."));
    }

    private void assertNoGateFolderLeft() throws IOException {
        assertThat(gateFolders()).isSubsetOf(before);
    }

    private static List<Path> gateFolders() throws IOException {
        try (Stream<Path> tmp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return tmp.filter(p -> p.getFileName().toString().startsWith("qagida-gate")).toList();
        }
    }
}

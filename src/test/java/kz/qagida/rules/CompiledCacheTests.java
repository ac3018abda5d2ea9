package kz.qagida.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.law.RuleInfo;

/**
 * The compiled-rules cache: a load from it behaves like a compilation of the whole rules root in one
 * builder, a changed file is the only one compiled again, and an entry that cannot be trusted is
 * ignored and rebuilt.
 */
class CompiledCacheTests {

    private static final String README_EXAMPLE = """
            {"asOf": "2024-04-05", "person": {"citizenship": "DE"},
             "stays": [{"entry": "2024-03-01", "exit": null, "basis": "VISA_FREE"}]}""";

    @TempDir
    static Path shared;

    private static List<RuleFile> files;
    private static RuleBase cold;

    @BeforeAll
    static void compileOnce() {
        files = RuleSource.fromDirectory(TestRules.ROOT);
        cold = RuleBaseLoader.load(files, CompiledCache.only(shared));
    }

    private static long entries(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(p -> p.toString().endsWith(".bin")).count();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    private static CheckResponse readmeExample(RuleBase base) {
        CheckRequest request = TestRules.json().readValue(README_EXAMPLE, CheckRequest.class);
        CheckService service = new CheckService(new ActiveRuleBase(base),
                Clock.fixed(LocalDate.of(2024, 4, 5).atStartOfDay(ZoneId.of("Asia/Almaty")).toInstant(), ZoneId.of("Asia/Almaty")));
        return service.check(request, "en", base, false);
    }

    private static List<String> fired(CheckResponse response) {
        return response.firedRules().stream().map(FiredRule::name).toList();
    }

    private static Set<String> ruleNames(KieBase kieBase) {
        Set<String> names = new TreeSet<>();
        for (KiePackage p : kieBase.getKiePackages()) {
            p.getRules().forEach(r -> names.add(r.getName()));
        }
        return names;
    }

    @Test
    void everyRuleFileIsKeptOnceAndAWarmLoadAnswersLikeTheColdOne() throws IOException {
        long ruleFiles = files.stream().filter(f -> f.isDrl() || f.isTable()).count();
        assertThat(entries(shared)).isEqualTo(ruleFiles);

        RuleBase warm = RuleBaseLoader.load(files, CompiledCache.only(shared));

        assertThat(entries(shared)).isEqualTo(ruleFiles);
        assertThat(warm.version()).isEqualTo(cold.version());
        assertThat(warm.ruleCounts()).isEqualTo(cold.ruleCounts());
        assertThat(warm.catalog()).isEqualTo(cold.catalog());
        assertThat(warm.conditions()).isEqualTo(cold.conditions());
        CheckResponse coldAnswer = readmeExample(cold);
        CheckResponse warmAnswer = readmeExample(warm);
        assertThat(fired(warmAnswer)).isEqualTo(fired(coldAnswer)).isNotEmpty();
        assertThat(warmAnswer.conclusions()).isEqualTo(coldAnswer.conclusions());
        assertThat(warmAnswer.conclusions()).extracting(CheckResponse.ConclusionView::code).contains("OVERSTAY");
    }

    /** The reference: every file in one builder, as Drools compiles a rules root when nothing is cached. */
    @Test
    void aCachedLoadHasTheRulesAndFiresTheRulesOfAWholeCompilation() {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (RuleFile f : files) {
            if (f.isDrl() || f.isTable()) {
                // the DRL the loader generates (typed cells, phases as numbers), all in one builder
                List<Problem> problems = new ArrayList<>();
                String drl = FileCompiler.compile(f, problems).drl();
                assertThat(problems).isEmpty();
                builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8)).setSourcePath(f.path()),
                        ResourceType.DRL);
            }
        }
        assertThat(builder.getErrors()).isEmpty();
        KieBase whole = builder.newKieBase();
        Map<String, RuleInfo> infos = new HashMap<>();
        cold.catalog().forEach(i -> infos.put(i.name(), i));
        for (KiePackage p : whole.getKiePackages()) {
            for (Rule r : p.getRules()) {
                ((RuleImpl) r).addMetaAttribute(RuleInfo.KEY, infos.get(r.getName()));
            }
        }
        RuleBase reference = new RuleBase(whole, cold.version(), cold.loadedAt(), cold.ruleCounts(), cold.catalog(),
                Map.of("en", cold.messages().get("en")), Map.of(), cold.conditions(), cold.consequences(), files);
        RuleBase cached = RuleBaseLoader.load(files, CompiledCache.only(shared));

        assertThat(ruleNames(cached.kieBase())).isEqualTo(ruleNames(whole)).hasSize(cold.catalog().size());
        CheckResponse expected = readmeExample(reference);
        CheckResponse actual = readmeExample(cached);
        // the rules a whole compilation fires, and its conclusions; among matches of one phase the
        // order may differ from a single builder's (the loader links per-file packages), but every
        // load of the same files, compiled or taken from the cache, fires in one order
        assertThat(fired(actual)).containsExactlyInAnyOrderElementsOf(fired(expected));
        assertThat(actual.conclusions()).isEqualTo(expected.conclusions());
        assertThat(fired(actual)).isEqualTo(fired(readmeExample(RuleBaseLoader.load(files))));
    }

    @Test
    void aChangedFileIsTheOnlyOneCompiledAgain(@TempDir Path dir) throws IOException {
        RuleBaseLoader.load(files, CompiledCache.only(dir));
        long before = entries(dir);
        List<RuleFile> changed = new ArrayList<>();
        for (RuleFile f : files) {
            changed.add(f.path().equals("rules-drl/stay/overstay.drl")
                    ? new RuleFile(f.path(), (f.text() + "\n// a comment\n").getBytes(StandardCharsets.UTF_8)) : f);
        }
        Set<Path> old = Set.copyOf(list(dir));

        RuleBase reloaded = RuleBaseLoader.load(changed, CompiledCache.only(dir));

        List<Path> added = list(dir).stream().filter(p -> !old.contains(p)).toList();
        assertThat(added).hasSize(1);
        assertThat(entries(dir)).isEqualTo(before + 1);
        assertThat(CompiledCache.decode(added.get(0).getFileName().toString().replace(".bin", ""),
                Files.readAllBytes(added.get(0))).path()).isEqualTo("rules-drl/stay/overstay.drl");
        assertThat(reloaded.version()).isNotEqualTo(cold.version());
        assertThat(fired(readmeExample(reloaded))).isEqualTo(fired(readmeExample(cold)));
    }

    @Test
    void aCorruptEntryIsIgnoredAndWrittenAgain(@TempDir Path dir) throws IOException {
        RuleFile overstay = files.stream().filter(f -> f.path().equals("rules-drl/stay/overstay.drl")).findFirst().orElseThrow();
        String key = CompiledCache.key(overstay);
        Files.copy(shared.resolve(key + ".bin"), dir.resolve(key + ".bin"));
        byte[] bytes = Files.readAllBytes(dir.resolve(key + ".bin"));
        bytes[bytes.length - 10] ^= 0x55;
        Files.write(dir.resolve(key + ".bin"), bytes);
        assertThat(CompiledCache.only(dir).get(key)).isNull();

        RuleBase loaded = RuleBaseLoader.load(files, CompiledCache.only(dir));

        assertThat(CompiledCache.only(dir).get(key)).isNotNull();
        assertThat(fired(readmeExample(loaded))).isEqualTo(fired(readmeExample(cold)));
    }

    @Test
    void anEntryMadeForAnotherKeyIsNotTrusted(@TempDir Path dir) throws IOException {
        RuleFile overstay = files.stream().filter(f -> f.path().equals("rules-drl/stay/overstay.drl")).findFirst().orElseThrow();
        RuleFile windows = files.stream().filter(f -> f.path().equals("rules-drl/stay/windows.drl")).findFirst().orElseThrow();
        // e.g. another build's entry, or a file copied by hand: checksum fine, key wrong
        Files.copy(shared.resolve(CompiledCache.key(windows) + ".bin"), dir.resolve(CompiledCache.key(overstay) + ".bin"));

        assertThat(CompiledCache.only(dir).get(CompiledCache.key(overstay))).isNull();
        assertThat(CompiledCache.only(shared).get(CompiledCache.key(overstay)).path()).isEqualTo(overstay.path());
    }

    @Test
    void theKeyFollowsTheBuildThePathAndTheBytes() {
        RuleFile a = new RuleFile("rules-drl/x/a.drl", "rule".getBytes(StandardCharsets.UTF_8));
        assertThat(CompiledCache.key(a)).isEqualTo(CompiledCache.key(new RuleFile(a.path(), a.content().clone())))
                .isNotEqualTo(CompiledCache.key(new RuleFile("rules-drl/x/b.drl", a.content())))
                .isNotEqualTo(CompiledCache.key(new RuleFile(a.path(), "rule ".getBytes(StandardCharsets.UTF_8))));
        assertThat(CompiledCache.buildId()).matches("[0-9a-f]{64}");
    }
}

package kz.qagida.rules;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckService;

/** The project's own rules root, loaded once per test JVM. */
public final class TestRules {

    public static final Path ROOT = Path.of("").toAbsolutePath();
    private static RuleBase ruleBase;

    private TestRules() {
    }

    /** Compiled rule files under target/: a test JVM compiles only the files that changed since the last one. */
    public static CompiledCache compiledCache() {
        return CompiledCache.in(ROOT.resolve("target/compiled-rules"));
    }

    public static synchronized RuleBase ruleBase() {
        if (ruleBase == null) {
            ruleBase = RuleBaseLoader.load(RuleSource.fromDirectory(ROOT), compiledCache());
        }
        return ruleBase;
    }

    public static CheckService checkService() {
        return new CheckService(new ActiveRuleBase(ruleBase()),
                Clock.fixed(LocalDate.of(2024, 3, 20).atStartOfDay(ZoneId.of("Asia/Almaty")).toInstant(), ZoneId.of("Asia/Almaty")));
    }

    public static JsonMapper json() {
        return JsonMapper.builder().build();
    }
}

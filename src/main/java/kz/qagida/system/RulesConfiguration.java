package kz.qagida.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckLimits;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckService;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.Problem;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleFile;
import kz.qagida.rules.RuleLoadException;
import kz.qagida.rules.RuleSource;
import kz.qagida.ruleset.GateLimits;
import kz.qagida.ruleset.GateProcess;
import kz.qagida.ruleset.RulesRoot;
import kz.qagida.ruleset.RulesetService;
import kz.qagida.ruleset.RulesetWatcher;
import kz.qagida.ruleset.Vocabulary;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CheckLimits.class, GateLimits.class})
class RulesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RulesConfiguration.class);

    /** "Today" for a check without {@code asOf} is a date in Kazakhstan. */
    @Bean
    Clock clock() {
        return Clock.system(ZoneId.of("Asia/Almaty"));
    }

    /**
     * The rules root ({@code qagida.rules.root}, default the working directory); without rule
     * folders there, the copies packaged in the jar.
     */
    @Bean
    RulesRoot rulesRoot(@Value("${qagida.rules.root:}") String root) {
        Path dir = Path.of(root.isBlank() ? System.getProperty("user.dir") : root).toAbsolutePath().normalize();
        if (RuleSource.isRulesRoot(dir)) {
            log.info("Reading rules from {}", dir);
            return new RulesRoot(dir);
        }
        log.info("No rule folders under {}: using the rules packaged in the application", dir);
        return RulesRoot.packaged();
    }

    /**
     * Compiled rule files kept by file and build ({@code qagida.rules.compiled-cache}, default
     * {@code ./data/compiled}; empty = only the copies packaged in the jar).
     */
    @Bean
    CompiledCache compiledCache(@Value("${qagida.rules.compiled-cache:./data/compiled}") String dir) {
        return CompiledCache.in(dir.isBlank() ? null : Path.of(dir).toAbsolutePath().normalize());
    }

    /**
     * The first rule base loads on a thread of its own while the rest of the application starts,
     * then answers the API's example request once, so that the first real check finds the rule
     * network and its session warm. Requests that come earlier wait for it.
     */
    @Bean
    ActiveRuleBase activeRuleBase(RulesRoot root, CompiledCache compiled, Clock clock, JsonMapper json) {
        CompletableFuture<RuleBase> loading = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                RuleBase base = RuleBaseLoader.load(insideTheVocabulary(root.files()), compiled);
                warmUp(base, clock, json);
                loading.complete(base);
            } catch (Throwable e) {
                loading.completeExceptionally(e);
            }
        }, "rule-base-loader");
        loader.setDaemon(true);
        loader.start();
        return new ActiveRuleBase(loading);
    }

    /**
     * Start-up compiles the operator's rules root in-process, without the confined gate: the vocabulary
     * lint (text only, it runs nothing) keeps a refused candidate left on disk from being served after
     * a restart.
     */
    private static List<RuleFile> insideTheVocabulary(List<RuleFile> files) {
        List<Problem> outside = Vocabulary.check(files).stream().map(f -> new Problem(f.file(), f.location(), f.message())).toList();
        if (!outside.isEmpty()) {
            throw new RuleLoadException(outside);
        }
        return files;
    }

    private static void warmUp(RuleBase base, Clock clock, JsonMapper json) {
        try (InputStream in = new ClassPathResource("api/check-request-example.json").getInputStream()) {
            CheckRequest example = json.readValue(in, CheckRequest.class);
            new CheckService(new ActiveRuleBase(base), clock).check(example, "en", base, false);
        } catch (IOException | RuntimeException e) {
            log.warn("The rules loaded, but the warm-up check failed: {}", e.toString());
        }
    }

    /**
     * Start-up completes only when the first rule base is in service: readiness follows, and a
     * rules root that does not load stops the application with every problem named.
     */
    @Bean
    ApplicationRunner awaitRuleBase(ActiveRuleBase active) {
        return args -> active.awaitFirst();
    }

    /** Candidates are gated in a child process with these limits; see docs/operations.md. */
    @Bean
    GateProcess gateProcess(GateLimits limits, CheckLimits checks, CompiledCache compiled) {
        return new GateProcess(limits, checks.maxFirings(), compiled);
    }

    @Bean
    RulesetService rulesetService(ActiveRuleBase active, RulesRoot root, GateProcess gate) {
        return new RulesetService(active, root, gate);
    }

    /** Reloads (through the gate) when files under the rules root change; off with qagida.rules.watch.enabled=false. */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(name = "qagida.rules.watch.enabled", havingValue = "true", matchIfMissing = true)
    RulesetWatcher rulesetWatcher(RulesetService service, RulesRoot root,
            @Value("${qagida.rules.watch.debounce-ms:1000}") long debounce) throws IOException {
        RulesetWatcher watcher = new RulesetWatcher(service, root.directory(), debounce);
        if (root.isDirectory()) {
            watcher.start();
        }
        return watcher;
    }
}

package kz.qagida.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.audit.AuditQueries;
import kz.qagida.check.CheckLimits;
import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckService;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.CompiledCache;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleSource;
import kz.qagida.ruleset.Gate;
import kz.qagida.ruleset.Impact;
import kz.qagida.ruleset.RulesRoot;
import kz.qagida.ruleset.RulesetFollower;
import kz.qagida.ruleset.GateLimits;
import kz.qagida.ruleset.GateProcess;
import kz.qagida.ruleset.RulesetService;
import kz.qagida.ruleset.RulesetStore;
import kz.qagida.ruleset.RulesetWatcher;
import kz.qagida.ruleset.Startup;
import kz.qagida.ruleset.StoredRuleBases;

@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties({CheckLimits.class, kz.qagida.ruleset.GateLimits.class})
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

    @Bean
    RulesetStore rulesetStore(JdbcTemplate jdbc, PlatformTransactionManager transactions, JsonMapper json) {
        return new RulesetStore(jdbc, transactions, json);
    }

    /** This instance's name in {@code GET /api/v1/ruleset} and the history: the pod's host name, or host and pid. */
    static String instanceId(String configured) {
        if (!configured.isBlank()) {
            return configured;
        }
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                host = "localhost";
            }
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * The first rule base loads on a thread of its own while the rest of the application starts:
     * the store's active version (not gated again; an empty store is seeded from the rules root),
     * or the developer's folder when it wins (watcher on and H2, or {@code qagida.rules.folder-wins});
     * then it answers the API's example request once, so that the first real check finds the rule
     * network and its session warm. Requests that come earlier wait for it.
     */
    @Bean
    ActiveRuleBase activeRuleBase(RulesRoot root, RulesetStore store, CompiledCache compiled, Clock clock, JsonMapper json,
            @Value("${qagida.instance-id:}") String instanceId, @Value("${qagida.rules.watch.enabled:true}") boolean watch,
            @Value("${qagida.rules.folder-wins:}") String folderWins) {
        boolean wins = folderWins.isBlank() ? watch && root.isDirectory() && !store.isPostgres() : Boolean.parseBoolean(folderWins);
        CompletableFuture<RuleBase> loading = new CompletableFuture<>();
        Thread loader = new Thread(() -> {
            try {
                RuleBase base = Startup.serve(root, store, wins, instanceId(instanceId), compiled);
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

    /**
     * The class data sharing training run of the image ({@code qagida.cds-training=true}, see the
     * Dockerfile): once the first rule base serves and the server listens, the application stops, and
     * the JVM writes the classes it loaded to the archive named by {@code -XX:ArchiveClassesAtExit}.
     */
    @Bean
    @ConditionalOnProperty(name = "qagida.cds-training", havingValue = "true")
    ApplicationRunner exitAfterCdsTraining(ActiveRuleBase active, ConfigurableApplicationContext context) {
        return args -> {
            active.awaitFirst();
            log.info("Class data sharing training run: started, exiting");
            System.exit(SpringApplication.exit(context));
        };
    }

    /** Rule bases by version for rollback, replay, impact and the follower: {@code qagida.rules.kept-versions} kept in the heap. */
    @Bean
    StoredRuleBases storedRuleBases(RulesetStore store, ActiveRuleBase active, CompiledCache compiled,
            @Value("${qagida.rules.kept-versions:2}") int kept) {
        return new StoredRuleBases(store, active, kept, compiled);
    }

    /** Candidates are gated in a child process with these limits; see docs/operations.md. */
    @Bean
    GateProcess gateProcess(GateLimits limits, CheckLimits checks, CompiledCache compiled) {
        return new GateProcess(limits, checks.maxFirings(), compiled);
    }

    @Bean
    RulesetService rulesetService(ActiveRuleBase active, RulesRoot root, RulesetStore store, StoredRuleBases bases,
            GateProcess gate) {
        return new RulesetService(active, root, store, bases, gate::check);
    }

    /** Follows the store's active version: LISTEN/NOTIFY on PostgreSQL, polling every {@code qagida.rules.poll} as well. */
    @Bean(destroyMethod = "close")
    RulesetFollower rulesetFollower(RulesetStore store, StoredRuleBases bases, ActiveRuleBase active, DataSource dataSource,
            @Value("${qagida.instance-id:}") String instanceId, Clock clock, @Value("${qagida.rules.poll:PT1S}") Duration poll) {
        RulesetFollower follower = new RulesetFollower(store, bases, active, dataSource, poll, instanceId(instanceId), clock);
        active.whenLoaded(first -> follower.start());
        return follower;
    }

    /** Impact analysis: {@code qagida.rules.impact.threads} threads, stopped after {@code qagida.rules.impact.timeout}. */
    @Bean(destroyMethod = "close")
    Impact impact(AuditQueries audit, StoredRuleBases bases, CheckService checks, JsonMapper json,
            @Value("${qagida.rules.impact.threads:1}") int threads, @Value("${qagida.rules.impact.timeout:PT120S}") Duration timeout) {
        return new Impact(audit, bases, checks, json, threads, timeout);
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

package kz.qagida.system;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;
import java.time.ZoneId;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.audit.AuditStore;
import kz.qagida.check.CheckService;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleSource;
import kz.qagida.ruleset.Gate;
import kz.qagida.ruleset.Impact;
import kz.qagida.ruleset.RulesRoot;
import kz.qagida.ruleset.RulesetFollower;
import kz.qagida.ruleset.RulesetService;
import kz.qagida.ruleset.RulesetStore;
import kz.qagida.ruleset.RulesetWatcher;
import kz.qagida.ruleset.Startup;
import kz.qagida.ruleset.StoredRuleBases;

@Configuration(proxyBeanMethods = false)
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
            } catch (java.io.IOException e) {
                host = "localhost";
            }
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    /**
     * Serves the store's active version (not gated again); an empty store is seeded from the rules
     * root. A developer's folder wins over the store when the watcher is on and the store is H2
     * ({@code qagida.rules.folder-wins}: true, false, or empty for that default). A rules root that
     * does not load stops start-up with every problem named.
     */
    @Bean
    ActiveRuleBase activeRuleBase(RulesRoot root, RulesetStore store, @Value("${qagida.instance-id:}") String instanceId,
            @Value("${qagida.rules.watch.enabled:true}") boolean watch, @Value("${qagida.rules.folder-wins:}") String folderWins) {
        boolean wins = folderWins.isBlank() ? watch && root.isDirectory() && !store.isPostgres() : Boolean.parseBoolean(folderWins);
        return new ActiveRuleBase(Startup.serve(root, store, wins, instanceId(instanceId)));
    }

    /** Rule bases by version for rollback, replay, impact and the follower: {@code qagida.rules.kept-versions} kept in the heap. */
    @Bean
    StoredRuleBases storedRuleBases(RulesetStore store, ActiveRuleBase active, @Value("${qagida.rules.kept-versions:2}") int kept) {
        return new StoredRuleBases(store, active, kept);
    }

    @Bean
    RulesetService rulesetService(ActiveRuleBase active, RulesRoot root, RulesetStore store, StoredRuleBases bases, Clock clock,
            JsonMapper json) {
        return new RulesetService(active, root, store, bases, new Gate(clock, json)::check);
    }

    /** Follows the store's active version: LISTEN/NOTIFY on PostgreSQL, polling every {@code qagida.rules.poll} as well. */
    @Bean(destroyMethod = "close")
    RulesetFollower rulesetFollower(RulesetStore store, StoredRuleBases bases, ActiveRuleBase active, DataSource dataSource,
            @Value("${qagida.instance-id:}") String instanceId, Clock clock, @Value("${qagida.rules.poll:PT1S}") Duration poll) {
        RulesetFollower follower = new RulesetFollower(store, bases, active, dataSource, poll, instanceId(instanceId), clock);
        follower.start();
        return follower;
    }

    /** Impact analysis: {@code qagida.rules.impact.threads} threads, stopped after {@code qagida.rules.impact.timeout}. */
    @Bean(destroyMethod = "close")
    Impact impact(AuditStore audit, StoredRuleBases bases, CheckService checks, JsonMapper json,
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

package kz.qagida.audit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
@EnableScheduling
class AuditConfiguration {

    @Bean
    AuditStore auditStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        return new AuditStore(jdbc, transactions);
    }

    @Bean(destroyMethod = "close")
    AuditWriter auditWriter(AuditStore store, AuditProperties properties) {
        return new AuditWriter(store, properties);
    }

    @Bean
    RetentionPurge retentionPurge(AuditStore store, AuditProperties properties, Clock clock) {
        return new RetentionPurge(store, properties, clock);
    }

    /** Deletes records older than {@code qagida.audit.retention}, keeping the chain verifiable from an anchor. */
    static class RetentionPurge {

        private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

        private final AuditStore store;
        private final AuditProperties properties;
        private final Clock clock;

        RetentionPurge(AuditStore store, AuditProperties properties, Clock clock) {
            this.store = store;
            this.properties = properties;
            this.clock = clock;
        }

        @Scheduled(initialDelayString = "${qagida.audit.purge-interval:PT1H}", fixedDelayString = "${qagida.audit.purge-interval:PT1H}")
        void purge() {
            if (properties.retention() == null) {
                return;
            }
            try {
                AuditStore.Purge purge = store.purge(clock.instant().minus(properties.retention()));
                if (purge.purged() > 0) {
                    log.info("Purged {} audit record(s) older than {}; the chain now starts after record {}",
                            purge.purged(), properties.retention(), purge.anchor().seq());
                }
            } catch (RuntimeException e) {
                log.warn("Audit retention purge failed: {}", e.toString());
            }
        }
    }
}

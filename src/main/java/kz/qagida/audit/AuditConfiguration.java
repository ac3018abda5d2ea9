package kz.qagida.audit;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

import com.zaxxer.hikari.HikariDataSource;

import io.micrometer.core.instrument.MeterRegistry;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
@EnableScheduling
class AuditConfiguration {

    @Bean
    AuditAppender auditAppender(JdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
        return new AuditAppender(jdbc, transactions, clock);
    }

    @Bean
    AuditQueries auditQueries(JdbcTemplate jdbc) {
        return new AuditQueries(jdbc);
    }

    @Bean
    AuditVerifier auditVerifier(JdbcTemplate jdbc, AuditQueries queries, Clock clock) {
        return new AuditVerifier(jdbc, queries, clock);
    }

    @Bean
    AuditRetention auditRetention(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            AuditProperties properties, Clock clock) {
        return new AuditRetention(jdbc, transactions, properties, clock);
    }

    @Bean(destroyMethod = "close")
    AuditWriter auditWriter(AuditAppender appender, AuditProperties properties, MeterRegistry meters) {
        return new AuditWriter(appender, properties, meters);
    }

    /**
     * {@code auditWriter} in /actuator/health and in the readiness group: DOWN while checks cannot be
     * recorded. It reads the writer's state only, so it answers at once whatever the database does.
     */
    @Bean
    HealthIndicator auditWriterHealthIndicator(AuditWriter writer, AuditProperties properties) {
        return () -> {
            if (!properties.enabled()) {
                return Health.up().withDetail("recording", "off").build();
            }
            AuditWriter.Health health = writer.health();
            return health.ready() ? Health.up().build() : Health.down().withDetail("reason", health.reason()).build();
        };
    }

    /** The audit's timeouts on a PostgreSQL pool: see {@link DatabaseTimeouts}. */
    @Bean
    static BeanPostProcessor auditDatabaseTimeouts(ObjectProvider<AuditProperties> properties) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    DatabaseTimeouts.apply(pool, properties.getObject().database());
                }
                return bean;
            }
        };
    }
}

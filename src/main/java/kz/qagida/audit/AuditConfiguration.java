package kz.qagida.audit;

import java.time.Clock;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.PlatformTransactionManager;

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
    AuditVerifier auditVerifier(JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditQueries queries) {
        return new AuditVerifier(jdbc, transactions, queries);
    }

    @Bean
    AuditRetention auditRetention(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            AuditProperties properties, Clock clock) {
        return new AuditRetention(jdbc, transactions, properties, clock);
    }

    @Bean(destroyMethod = "close")
    AuditWriter auditWriter(AuditAppender appender, AuditProperties properties) {
        return new AuditWriter(appender, properties);
    }
}

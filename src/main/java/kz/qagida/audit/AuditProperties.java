package kz.qagida.audit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code qagida.audit.*}: whether checks are recorded, how long records are kept ({@code retention},
 * empty = for ever) and how often the purge runs, and the group commit's limits and delay (how long
 * a commit may wait for the records of checks under way).
 */
@ConfigurationProperties("qagida.audit")
public record AuditProperties(Boolean enabled, Duration retention, Duration purgeInterval, Integer maxBatch,
        Integer queueCapacity, Duration commitTimeout, Duration commitDelay) {

    public AuditProperties {
        enabled = enabled == null || enabled;
        purgeInterval = purgeInterval == null ? Duration.ofHours(1) : purgeInterval;
        maxBatch = maxBatch == null ? 500 : maxBatch;
        queueCapacity = queueCapacity == null ? 20_000 : queueCapacity;
        commitTimeout = commitTimeout == null ? Duration.ofSeconds(10) : commitTimeout;
        commitDelay = commitDelay == null ? Duration.ofMillis(5) : commitDelay;
    }

    public static AuditProperties defaults() {
        return new AuditProperties(null, null, null, null, null, null, null);
    }
}

package kz.qagida.check.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

import kz.qagida.check.CheckResponse;
import kz.qagida.check.InvalidRequestException;
import kz.qagida.rules.FiredRule;

/**
 * Checks by outcome ({@code qagida_checks_total{status}}: the check's status, or INVALID / ERROR),
 * their latency ({@code qagida_check_seconds}) and rule firings by rulebook id
 * ({@code qagida_rule_firings_total{rule}}).
 */
@Component
class CheckMetrics {

    private final MeterRegistry registry;
    private final Timer latency;
    private final Map<String, Counter> byStatus = new ConcurrentHashMap<>();
    private final Map<String, Counter> byRule = new ConcurrentHashMap<>();

    CheckMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.latency = Timer.builder("qagida.check").description("Time to evaluate one check (rules and answer)")
                .publishPercentileHistogram().register(registry);
    }

    /** Measures a check whose result carries its response (the audited answer, say). */
    <T> T record(Supplier<T> check, java.util.function.Function<T, CheckResponse> responseOf) {
        return record(0, check, responseOf);
    }

    /** As above, for a check that has already taken {@code spentNanos} (a batch item evaluated before its commit). */
    <T> T record(long spentNanos, Supplier<T> check, java.util.function.Function<T, CheckResponse> responseOf) {
        long start = System.nanoTime() - spentNanos;
        String status = "ERROR";
        try {
            T result = check.get();
            CheckResponse response = responseOf.apply(result);
            status = response.status().name();
            for (FiredRule fired : response.firedRules()) {
                if (fired.id() != null) {
                    byRule.computeIfAbsent(fired.id(), id -> Counter.builder("qagida.rule.firings")
                            .description("Rule firings by rulebook id").tag("rule", id).register(registry)).increment();
                }
            }
            return result;
        } catch (InvalidRequestException e) {
            status = "INVALID";
            throw e;
        } finally {
            latency.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
            count(status);
        }
    }

    /** For requests refused before they reach the service (unreadable JSON, failed bean validation). */
    void invalid() {
        count("INVALID");
    }

    private void count(String status) {
        byStatus.computeIfAbsent(status, s -> Counter.builder("qagida.checks").description("Checks by outcome")
                .tag("status", s).register(registry)).increment();
    }
}

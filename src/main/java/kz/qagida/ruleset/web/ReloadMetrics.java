package kz.qagida.ruleset.web;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

import kz.qagida.ruleset.HistoryEntry;
import kz.qagida.ruleset.RulesetService;

/** Counts attempts to change the serving ruleset by outcome: {@code qagida_ruleset_reloads_total{outcome}}. */
@Component
class ReloadMetrics {

    ReloadMetrics(RulesetService service, MeterRegistry registry) {
        for (HistoryEntry.Outcome outcome : HistoryEntry.Outcome.values()) {
            counter(registry, outcome);
        }
        service.onRecord(entry -> counter(registry, entry.outcome()).increment());
    }

    private static Counter counter(MeterRegistry registry, HistoryEntry.Outcome outcome) {
        return Counter.builder("qagida.ruleset.reloads").description("Attempts to change the serving ruleset, by outcome")
                .tag("outcome", outcome.name()).register(registry);
    }
}

package kz.qagida.ruleset.web;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

import org.springframework.stereotype.Component;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.ruleset.HistoryEntry;
import kz.qagida.ruleset.RulesetService;

/**
 * Counts attempts to change the serving ruleset by outcome ({@code qagida_ruleset_reloads_total{outcome}},
 * the start-up load included as {@code STARTED}) and tells which ruleset serves:
 * {@code qagida_ruleset_serving{version="sha256:…"} 1}.
 */
@Component
class ReloadMetrics {

    ReloadMetrics(RulesetService service, ActiveRuleBase active, MeterRegistry registry) {
        for (HistoryEntry.Outcome outcome : HistoryEntry.Outcome.values()) {
            counter(registry, outcome);
        }
        MultiGauge info = MultiGauge.builder("qagida.ruleset.serving")
                .description("The serving ruleset: 1, with its version as a label").register(registry);
        Runnable serving = () -> info.register(List.of(MultiGauge.Row.of(Tags.of("version", active.get().version()), 1)), true);
        // this process's attempts only (the store's history holds every instance's); the start-up
        // load may be recorded before this bean exists: the store hands those over first
        service.store().onRecord(entry -> {
            counter(registry, entry.outcome()).increment();
            if (active.isLoaded()) {
                serving.run();
            }
        });
        active.whenLoaded(first -> serving.run());
    }

    private static Counter counter(MeterRegistry registry, HistoryEntry.Outcome outcome) {
        return Counter.builder("qagida.ruleset.reloads").description("Attempts to change the serving ruleset, by outcome")
                .tag("outcome", outcome.name()).register(registry);
    }
}

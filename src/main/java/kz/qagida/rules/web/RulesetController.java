package kz.qagida.rules.web;

import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;

@RestController
class RulesetController {

    record FileView(String path, int rules) {
    }

    record RulesetView(String version, Instant loadedAt, int rules, List<FileView> files) {
    }

    private final ActiveRuleBase rules;

    RulesetController(ActiveRuleBase rules) {
        this.rules = rules;
    }

    @GetMapping("/api/v1/ruleset")
    RulesetView ruleset() {
        RuleBase base = rules.get();
        List<FileView> files = base.ruleCounts().entrySet().stream()
                .map(e -> new FileView(e.getKey(), e.getValue()))
                .sorted((a, b) -> a.path().compareTo(b.path()))
                .toList();
        return new RulesetView(base.version(), base.loadedAt(), base.catalog().size(), files);
    }
}

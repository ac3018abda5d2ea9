package kz.qagida.reference.web;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.reference.Office;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;

@RestController
class ReferenceController {

    record OfficesView(String ruleset, LocalDate asOf, List<Office> offices) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ActiveRuleBase rules;
    private final Clock clock;

    ReferenceController(ActiveRuleBase rules, Clock clock) {
        this.rules = rules;
        this.clock = clock;
    }

    /** RF-1: the migration offices and hotlines of seed 000 known to be valid on {@code asOf} (default today). */
    @GetMapping("/api/v1/reference/offices")
    OfficesView offices(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        RuleBase base = rules.get();
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock);
        List<Office> offices = base.reference("offices").stream()
                .map(entry -> JSON.treeToValue(entry, Office.class))
                .filter(o -> o.validOn(day))
                .toList();
        return new OfficesView(base.version(), day, offices);
    }
}

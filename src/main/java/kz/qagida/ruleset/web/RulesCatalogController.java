package kz.qagida.ruleset.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import kz.qagida.check.Problems;
import kz.qagida.law.Citation;
import kz.qagida.law.RuleInfo;
import kz.qagida.rules.ActiveRuleBase;

/** The catalogue of rules and table rows of the serving ruleset. */
@RestController
class RulesCatalogController {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record RuleView(String id, String name, String file, Integer row, List<Citation> citations, LocalDate validFrom,
            LocalDate validTo, String note, Map<String, String> values, String conditions) {
    }

    private final ActiveRuleBase rules;

    RulesCatalogController(ActiveRuleBase rules) {
        this.rules = rules;
    }

    /** Filter by area (the folder under rules-drl/ or decision-tables/) and by being in force on a date. */
    @GetMapping("/api/v1/rules")
    List<RuleView> rules(@RequestParam(required = false) String area,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate inForceOn) {
        Map<String, String> conditions = rules.get().conditions();
        return rules.get().catalog().stream()
                .filter(r -> area == null || r.file().matches("[^/]+/" + java.util.regex.Pattern.quote(area) + "/.*"))
                .filter(r -> inForceOn == null || r.validity().contains(inForceOn))
                .map(r -> view(r, conditions.get(r.name())))
                .toList();
    }

    /** The rules of one rulebook id (EN-2: every row of the unilateral list), or the one rule of that name. */
    @GetMapping("/api/v1/rules/{id}")
    ResponseEntity<Object> rule(@PathVariable String id) {
        Map<String, String> conditions = rules.get().conditions();
        List<RuleView> found = rules.get().catalog().stream()
                .filter(r -> r.id().equals(id) || r.name().equals(id))
                .map(r -> view(r, conditions.get(r.name())))
                .toList();
        if (found.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Problems.of(HttpStatus.NOT_FOUND, null, "Unknown rule", "no rule with id or name '" + id + "'"));
        }
        return ResponseEntity.ok(found);
    }

    private static RuleView view(RuleInfo r, String conditions) {
        return new RuleView(r.id(), r.name(), r.file(), r.row(), r.citations(), r.validity().from(), r.validity().to(),
                r.note(), r.params(), conditions);
    }
}

package kz.qagida.console;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.check.InvalidRequestException;
import kz.qagida.facts.input.PassportType;
import kz.qagida.law.Countries;
import kz.qagida.law.Severity;
import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;

/**
 * The law page: areas, files and rows of the serving ruleset, filtered by the day they are in force,
 * and "what applies" to a citizenship and passport on a day.
 */
@Controller
class LawController {

    /** What applies to a person: the regime and limits (from a check of a stay begun that day), duties, fees and fines. */
    record WhatApplies(String country, PassportType passport, LocalDate on, CheckResponse answer,
            List<CheckResponse.ConclusionView> regime, List<CheckResponse.ConclusionView> duties,
            List<LawCatalog.Row> countryRows, List<LawCatalog.Row> dutyRows, List<Priced> fees, List<Priced> fines,
            BigDecimal mrpValue) {
    }

    /** A fee or fine row with its amount in tenge at the MRP in force (null when unknown). */
    record Priced(LawCatalog.Row row, BigDecimal tenge) {
    }

    private final ActiveRuleBase rules;
    private final CheckService checks;
    private final Clock clock;
    private final JsonMapper json;

    LawController(ActiveRuleBase rules, CheckService checks, Clock clock, JsonMapper json) {
        this.rules = rules;
        this.checks = checks;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/console/law")
    String law(@RequestParam(required = false) String file, @RequestParam(required = false) String on,
            @RequestParam(required = false) String country, @RequestParam(required = false) String passport,
            Model model, Locale locale, HttpServletResponse response) {
        RuleBase ruleBase = rules.get();
        LawCatalog catalog = new LawCatalog(ruleBase);
        List<String> errors = new ArrayList<>();
        LocalDate day = date(on, "on", errors);
        model.addAttribute("on", day);
        model.addAttribute("ruleset", ruleBase.version());
        model.addAttribute("areas", catalog.areas(day));
        model.addAttribute("passports", PassportType.values());
        if (file != null && !file.isBlank()) {
            if (catalog.hasFile(file)) {
                model.addAttribute("file", file);
                model.addAttribute("rows", catalog.rows(file, day));
            } else {
                errors.add("file");
            }
        }
        if (country != null && !country.isBlank()) {
            Optional<String> alpha2 = Countries.alpha2(country.strip());
            PassportType type = passport(passport, errors);
            if (alpha2.isEmpty()) {
                errors.add("country");
            } else if (type != null) {
                LocalDate when = day != null ? day : LocalDate.now(clock);
                model.addAttribute("applies", whatApplies(ruleBase, catalog, alpha2.get(), type, when, locale));
            }
            model.addAttribute("country", country.strip());
            model.addAttribute("passport", type);
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
        }
        model.addAttribute("errors", errors);
        return "console/law";
    }

    private WhatApplies whatApplies(RuleBase ruleBase, LawCatalog catalog, String country, PassportType passport,
            LocalDate on, Locale locale) {
        // the rules themselves say what applies: a stay begun that day, checked that day, not recorded
        CheckRequest request = json.convertValue(java.util.Map.of("asOf", on.toString(),
                "person", java.util.Map.of("citizenship", country, "passportType", passport.name()),
                "stays", List.of(java.util.Map.of("entry", on.toString())), "host", java.util.Map.of("kind", "INDIVIDUAL")),
                CheckRequest.class);
        CheckResponse answer;
        try {
            answer = checks.check(request, locale.getLanguage(), ruleBase, false);
        } catch (InvalidRequestException e) {
            answer = null;
        }
        List<CheckResponse.ConclusionView> regime = answer == null ? List.of()
                : answer.conclusions().stream().filter(c -> c.severity() != Severity.OBLIGATION).toList();
        List<CheckResponse.ConclusionView> duties = answer == null ? List.of()
                : answer.conclusions().stream().filter(c -> c.severity() == Severity.OBLIGATION).toList();
        String quoted = "\"" + country + "\"";
        List<LawCatalog.Row> countryRows = catalog.rows(r -> ruleBase.conditions().getOrDefault(r.name(), "")
                .contains(quoted), on);
        List<LawCatalog.Row> dutyRows = catalog.rows(r -> r.file().endsWith(".xlsx")
                && (r.params().containsKey("workingDays") || r.params().containsKey("dueDays")), on);
        BigDecimal mrp = catalog.mrpValue(on);
        List<Priced> fees = catalog.rows(r -> ruleBase.conditions().getOrDefault(r.name(), "").contains("StateServiceAsked("), on)
                .stream().map(r -> new Priced(r, LawCatalog.tenge(r.values().get("mrp"), mrp))).toList();
        List<Priced> fines = catalog.rows(r -> r.params().containsKey("penaltyKind"), on).stream()
                .map(r -> new Priced(r, LawCatalog.tenge(r.values().get("mrp"), mrp))).toList();
        return new WhatApplies(country, passport, on, answer, regime, duties, countryRows, dutyRows, fees, fines, mrp);
    }

    private static PassportType passport(String text, List<String> errors) {
        if (text == null || text.isBlank()) {
            return PassportType.ORDINARY;
        }
        try {
            return PassportType.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add("passport");
            return null;
        }
    }

    static LocalDate date(String text, String field, List<String> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.add(field);
            return null;
        }
    }
}

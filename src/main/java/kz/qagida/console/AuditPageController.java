package kz.qagida.console;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import kz.qagida.audit.AuditStore;
import kz.qagida.audit.FiredRuleEntry;
import kz.qagida.audit.Replayer;

/** The audit pages: evaluations searched and paged, one evaluation with its replay, and the chain's verification. */
@Controller
class AuditPageController {

    private static final int PAGE_SIZE = 20;

    /** The search form's values, as given (kept for the form and the paging links). */
    record Search(String from, String to, String ruleId, String code, String status, String citizenship,
            String ruleset) {
    }

    private final AuditStore store;
    private final Replayer replayer;
    private final JsonMapper json;
    private final MessageSource messages;

    AuditPageController(AuditStore store, Replayer replayer, JsonMapper json, MessageSource messages) {
        this.store = store;
        this.replayer = replayer;
        this.json = json;
        this.messages = messages;
    }

    @GetMapping("/console/audit")
    String search(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String ruleId, @RequestParam(required = false) String code,
            @RequestParam(required = false) String status, @RequestParam(required = false) String citizenship,
            @RequestParam(required = false) String ruleset, @RequestParam(defaultValue = "0") int page, Model model,
            HttpServletResponse response) {
        List<String> errors = new ArrayList<>();
        LocalDate fromDay = LawController.date(from, "from", errors);
        LocalDate toDay = LawController.date(to, "to", errors);
        Search search = new Search(blank(from), blank(to), blank(ruleId), blank(code), blank(status),
                blank(citizenship), blank(ruleset));
        model.addAttribute("search", search);
        model.addAttribute("statuses", List.of("ENTRY_DENIED", "VIOLATION", "ACTION_REQUIRED", "COMPLIANT"));
        model.addAttribute("rulesets", store.rulesets());
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return "console/audit";
        }
        // recording times are whole days in UTC, "to" inclusive, as in GET /api/v1/evaluations
        AuditStore.Page<AuditStore.Summary> found = store.search(new AuditStore.Filter(search.ruleId(), search.code(),
                search.status(), search.citizenship() == null ? null : search.citizenship().toUpperCase(Locale.ROOT),
                fromDay == null ? null : fromDay.atStartOfDay(ZoneOffset.UTC).toInstant(),
                toDay == null ? null : toDay.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(), null, null,
                search.ruleset()), Math.max(page, 0), PAGE_SIZE);
        model.addAttribute("found", found);
        model.addAttribute("pages", (found.total() + PAGE_SIZE - 1) / PAGE_SIZE);
        return "console/audit";
    }

    @GetMapping("/console/audit/verify")
    String verify(Model model) {
        model.addAttribute("verification", store.verify());
        return "console/verify";
    }

    @GetMapping("/console/audit/{id}")
    String evaluation(@PathVariable String id, Model model, Locale locale, HttpServletResponse response) {
        Optional<AuditStore.StoredRecord> found;
        try {
            found = store.find(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            found = Optional.empty();
        }
        if (found.isEmpty()) {
            response.setStatus(404);
            model.addAttribute("missing", id);
            return "console/evaluation";
        }
        AuditStore.StoredRecord record = found.get();
        JsonNode request = json.readTree(record.content().requestJson());
        JsonNode answer = json.readTree(record.content().responseJson());
        Map<String, List<String>> citations = new LinkedHashMap<>();
        for (FiredRuleEntry f : store.firedRules(record)) {
            citations.put(f.name(), AnswerView.citations(json.valueToTree(f.citations())));
        }
        model.addAttribute("record", record);
        model.addAttribute("requestJson", json.writerWithDefaultPrettyPrinter().writeValueAsString(request));
        model.addAttribute("answer", AnswerView.of(answer,
                StayTimeline.svg(request, answer, (key, args) -> messages.getMessage(key, args, locale)), citations));
        try {
            Replayer.Replay replay = replayer.replay(record.content().evaluationId(), Replayer.Against.CURRENT)
                    .orElse(null);
            model.addAttribute("replay", replay);
            // a replay runs without explanations: an explained record differs by them alone
            model.addAttribute("differences", replay == null ? List.of() : replay.differences().stream()
                    .filter(d -> !d.path().endsWith(".explanation")).toList());
        } catch (ErrorResponseException | IllegalStateException e) {
            model.addAttribute("replayProblem", e.getMessage());
        }
        return "console/evaluation";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

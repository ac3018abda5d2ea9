package kz.qagida.console;

import java.io.IOException;
import java.security.Principal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.util.UriComponentsBuilder;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBase;
import kz.qagida.rules.RuleFile;
import kz.qagida.ruleset.Impact;
import kz.qagida.ruleset.RulesetDiff;
import kz.qagida.ruleset.RulesetFollower;
import kz.qagida.ruleset.RulesetService;
import kz.qagida.ruleset.RulesetStore;
import kz.qagida.ruleset.Uploads;

/**
 * The ruleset pages (analyst): the serving and the active version, the stored versions and the
 * history; uploading a changed file or a zipped rules root through the gate; a version's gate report;
 * the diff of two versions; the impact of a stored version on the recorded checks; activating and
 * rolling back, each only after a confirmation. Everything goes through {@link RulesetService} and
 * {@link Impact}, exactly as the publishing API does.
 */
@Controller
class RulesetPageController {

    private static final int LISTED = 50;
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");

    /** A stored version as listed: whether it is active, served here, and stored before the active one (so: a rollback). */
    record VersionRow(RulesetStore.Stored stored, boolean active, boolean serving, boolean earlier) {
    }

    private final RulesetService service;
    private final RulesetStore store;
    private final ActiveRuleBase rules;
    private final RulesetFollower follower;
    private final Impact impact;

    RulesetPageController(RulesetService service, ActiveRuleBase rules, RulesetFollower follower, Impact impact) {
        this.service = service;
        this.store = service.store();
        this.rules = rules;
        this.follower = follower;
        this.impact = impact;
    }

    @GetMapping("/console/rulesets")
    String overview(@RequestParam(required = false) String done, @RequestParam(required = false) String version, Model model) {
        model.addAttribute("done", done);
        model.addAttribute("doneVersion", version);
        return overview(model);
    }

    private String overview(Model model) {
        RuleBase serving = rules.get();
        Optional<RulesetStore.Active> active = store.active();
        String activeVersion = active.map(RulesetStore.Active::version).orElse(null);
        RulesetStore.Stored activeStored = null;
        List<RulesetStore.Stored> stored = store.versions(LISTED);
        for (RulesetStore.Stored s : stored) {
            if (s.version().equals(activeVersion)) {
                activeStored = s;
            }
        }
        List<VersionRow> versions = new ArrayList<>();
        for (RulesetStore.Stored s : stored) {
            versions.add(new VersionRow(s, s.version().equals(activeVersion), s.version().equals(serving.version()),
                    activeStored != null && s.storedAt().isBefore(activeStored.storedAt())));
        }
        model.addAttribute("serving", serving);
        model.addAttribute("active", active.orElse(null));
        model.addAttribute("instance", follower.instance());
        model.addAttribute("versions", versions);
        model.addAttribute("history", service.history(LISTED));
        model.addAttribute("paths", serving.files().stream().map(RuleFile::path).sorted().toList());
        return "console/rulesets";
    }

    /**
     * Publishes one file over the active ruleset ({@code path} and the file) or, without a path, a
     * zipped rules root; gated, stored, and activated when asked. Refused: the gate's report, 422,
     * nothing changed.
     */
    @PostMapping("/console/rulesets/upload")
    String upload(@RequestParam(required = false) String path, @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean activate, Principal principal, Model model,
            HttpServletResponse response) throws IOException {
        String target = path == null || path.isBlank() ? null : path.strip();
        model.addAttribute("uploadPath", target);
        if (file == null || file.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("uploadError", "file");
            return overview(model);
        }
        RulesetService.Published published;
        try {
            byte[] bytes = file.getBytes();
            published = target == null ? service.publish(Uploads.unzip(bytes, Uploads.Limits.DEFAULT), activate, principal.getName())
                    : service.publishFile(target, bytes, activate, principal.getName());
        } catch (Uploads.Refused e) {
            response.setStatus(e.status());
            model.addAttribute("uploadRefused", e.getMessage());
            return overview(model);
        }
        if (!published.report().passed()) {
            response.setStatus(422);
            model.addAttribute("refused", published);
            return overview(model);
        }
        String done = published.activated() ? "activated" : "stored";
        return "redirect:" + UriComponentsBuilder.fromPath("/console/rulesets/version").queryParam("v", published.version())
                .queryParam("done", done).encode().build().toUriString();
    }

    /** A stored version: its gate report and files, with the links and forms that act on it. */
    @GetMapping("/console/rulesets/version")
    String version(@RequestParam(name = "v") String version, @RequestParam(required = false) String done, Model model,
            HttpServletResponse response) {
        Optional<RulesetStore.Stored> stored = find(version);
        if (stored.isEmpty()) {
            return missing(version, model, response);
        }
        String active = store.active().map(RulesetStore.Active::version).orElse(null);
        model.addAttribute("stored", stored.get());
        model.addAttribute("report", store.report(version).orElse(null));
        model.addAttribute("files", store.paths(version));
        model.addAttribute("activeVersion", active);
        model.addAttribute("isActive", version.equals(active));
        model.addAttribute("earlier", earlier(stored.get(), active));
        model.addAttribute("done", done);
        return "console/version";
    }

    /** The changed rows, rules and lines from one stored version to another (by default: from the active one). */
    @GetMapping("/console/rulesets/diff")
    String diff(@RequestParam(required = false) String from, @RequestParam(required = false) String to, Model model,
            HttpServletResponse response) {
        String active = store.active().map(RulesetStore.Active::version).orElse(rules.get().version());
        String a = from == null || from.isBlank() ? active : from.strip();
        String b = to == null || to.isBlank() ? active : to.strip();
        model.addAttribute("from", a);
        model.addAttribute("to", b);
        model.addAttribute("versions", store.versions(LISTED));
        for (String v : List.of(a, b)) {
            if (!store.isStored(v)) {
                return missing(v, model, response);
            }
        }
        model.addAttribute("changes", changes(a, b));
        return "console/diff";
    }

    /** The impact of a stored version on the checks recorded from {@code from} to {@code to} (Almaty days, inclusive). */
    @PostMapping("/console/rulesets/impact")
    String impact(@RequestParam(name = "v") String version, @RequestParam(required = false) String from,
            @RequestParam(required = false) String to, @RequestParam(defaultValue = "1000") int limit, Model model,
            HttpServletResponse response) {
        List<String> errors = new ArrayList<>();
        LocalDate fromDay = LawController.date(from, "from", errors);
        LocalDate toDay = LawController.date(to, "to", errors);
        if (limit < 1 || limit > 100_000) {
            errors.add("limit");
        }
        model.addAttribute("version", version);
        model.addAttribute("from", from);
        model.addAttribute("to", to);
        model.addAttribute("limit", limit);
        model.addAttribute("errors", errors);
        if (!errors.isEmpty()) {
            response.setStatus(400);
            return "console/impact";
        }
        Optional<RuleBase> candidate = store.isStored(version) ? service.stored(version) : Optional.empty();
        if (candidate.isEmpty()) {
            return missing(version, model, response);
        }
        try {
            model.addAttribute("result", impact.run(candidate.get(), fromDay == null ? null : fromDay.atStartOfDay(ALMATY).toInstant(),
                    toDay == null ? null : toDay.plusDays(1).atStartOfDay(ALMATY).toInstant(), limit));
        } catch (Impact.Busy e) {
            response.setStatus(429);
            response.setHeader("Retry-After", "10");
            model.addAttribute("busy", e.getMessage());
        }
        return "console/impact";
    }

    /**
     * Activates (or rolls back to) a stored version. Without {@code confirm=true} nothing changes:
     * the answer is the confirmation page, saying what would change, with the form that confirms.
     */
    @PostMapping("/console/rulesets/activate")
    String activate(@RequestParam(name = "v") String version, @RequestParam(defaultValue = "false") boolean rollback,
            @RequestParam(defaultValue = "false") boolean confirm, Principal principal, Model model,
            HttpServletResponse response) {
        Optional<RulesetStore.Stored> stored = find(version);
        if (stored.isEmpty()) {
            return missing(version, model, response);
        }
        if (!confirm) {
            String active = store.active().map(RulesetStore.Active::version).orElse(rules.get().version());
            model.addAttribute("stored", stored.get());
            model.addAttribute("rollback", rollback);
            model.addAttribute("activeVersion", active);
            model.addAttribute("changes", changes(active, version));
            return "console/confirm";
        }
        service.activate(version, principal.getName(), rollback);
        return "redirect:" + UriComponentsBuilder.fromPath("/console/rulesets").queryParam("done", rollback ? "rolledBack" : "activated")
                .queryParam("version", version).encode().build().toUriString();
    }

    private List<RulesetDiff.FileChange> changes(String from, String to) {
        RulesetStore.Differing files = store.differingFiles(from, to);
        return RulesetDiff.compare(files.before(), files.after());
    }

    private Optional<RulesetStore.Stored> find(String version) {
        return version == null ? Optional.empty() : store.stored(version);
    }

    private boolean earlier(RulesetStore.Stored stored, String active) {
        return active != null && find(active).map(a -> stored.storedAt().isBefore(a.storedAt())).orElse(false);
    }

    private static String missing(String version, Model model, HttpServletResponse response) {
        response.setStatus(404);
        model.addAttribute("missing", version);
        return "console/version";
    }
}

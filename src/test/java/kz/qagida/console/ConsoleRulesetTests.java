package kz.qagida.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.TestRules;
import kz.qagida.ruleset.HistoryEntry;
import kz.qagida.ruleset.RulesetStore;
import kz.qagida.system.TestKeys;

/**
 * The ruleset pages over plain HTTP: roles, CSRF, a refused upload that changes nothing, and the
 * confirmation step before an activation. Runs in the console tests' application context; it
 * publishes nothing that passes and activates only the version already active.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = ConsoleHttpTests.DATABASE)
class ConsoleRulesetTests {

    private static final String OVERSTAY = "rules-drl/stay/overstay.drl";

    @LocalServerPort
    int port;
    @Autowired
    RulesetStore store;
    @Autowired
    ActiveRuleBase rules;

    private ConsoleSession signedIn(String key) throws Exception {
        ConsoleSession s = new ConsoleSession(port);
        s.signIn(key);
        return s;
    }

    @Test
    void onlyAnalystsSeeTheRulesetPagesAndEveryFormNeedsTheCsrfToken() throws Exception {
        ConsoleSession checker = signedIn(TestKeys.CHECKER);
        HttpResponse<String> denied = checker.get("/console/rulesets");
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.body()).contains("Your API key lacks the role this page needs");
        assertThat(checker.get("/console").body()).doesNotContain("href=\"/console/rulesets\"");
        assertThat(signedIn(TestKeys.AUDITOR).get("/console/rulesets").statusCode()).isEqualTo(403);

        ConsoleSession analyst = signedIn(TestKeys.ANALYST);
        HttpResponse<String> page = analyst.get("/console/rulesets");
        assertThat(page.statusCode()).isEqualTo(200);
        String active = store.active().orElseThrow().version();
        assertThat(page.body()).contains(rules.get().version()).contains(active).contains("History of attempts")
                .contains("enctype=\"multipart/form-data\"").contains("<label for=\"path\"").contains("<label for=\"file\"")
                .contains("<label class=\"flag\" for=\"activate\"");
        assertThat(analyst.get("/console").body()).contains("href=\"/console/rulesets\"");

        int attempts = store.history(10_000).size();
        assertThat(analyst.post("/console/rulesets/activate", "v=" + ConsoleSession.enc(active) + "&confirm=true").statusCode())
                .as("no CSRF token").isEqualTo(403);
        assertThat(analyst.post("/console/rulesets/impact", "v=" + ConsoleSession.enc(active)).statusCode()).isEqualTo(403);
        assertThat(analyst.postMultipart("/console/rulesets/upload", Map.of("path", OVERSTAY), "file", "overstay.drl",
                "rule".getBytes(StandardCharsets.UTF_8)).statusCode()).as("no CSRF token").isEqualTo(403);
        assertThat(store.history(10_000)).hasSize(attempts);
        assertThat(checker.post("/console/rulesets/activate", "_csrf=" + ConsoleSession.enc(checker.csrf) + "&v="
                + ConsoleSession.enc(active) + "&confirm=true").statusCode()).isEqualTo(403);
    }

    @Test
    void aRefusedUploadShowsTheGateReportWithFileAndLineAndChangesNothing() throws Exception {
        ConsoleSession analyst = signedIn(TestKeys.ANALYST);
        analyst.get("/console/rulesets");
        String active = store.active().orElseThrow().version();
        String serving = rules.get().version();
        int versions = store.versions(10_000).size();
        String broken = Files.readString(TestRules.ROOT.resolve(OVERSTAY)).replace("$o : Overstay()", "$o : Overstay(nonsense > 1)");
        assertThat(broken).contains("nonsense");

        HttpResponse<String> r = analyst.postMultipart("/console/rulesets/upload",
                Map.of("_csrf", analyst.csrf, "path", OVERSTAY, "activate", "true"), "file", "overstay.drl",
                broken.getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("The gate refused the upload").contains("<code>" + OVERSTAY + "</code>")
                .containsPattern("<td class=\"nowrap\">line \\d+").doesNotContain("Exception");
        assertThat(store.active().orElseThrow().version()).isEqualTo(active);
        assertThat(rules.get().version()).isEqualTo(serving);
        assertThat(store.versions(10_000)).hasSize(versions);
        HistoryEntry last = store.history(1).get(0);
        assertThat(last.outcome()).isEqualTo(HistoryEntry.Outcome.REFUSED);
        assertThat(last.by()).isEqualTo("analyst");
        assertThat(last.changedFiles()).containsExactly(OVERSTAY);
        assertThat(analyst.get("/console/rulesets").body()).contains("refused").contains(OVERSTAY);
    }

    @Test
    void anUploadThatIsNoRulesFileOrNoZipIsA400NamingItAndChangesNothing() throws Exception {
        ConsoleSession analyst = signedIn(TestKeys.ANALYST);
        analyst.get("/console/rulesets");
        int attempts = store.history(10_000).size();
        int versions = store.versions(10_000).size();

        HttpResponse<String> notAZip = analyst.postMultipart("/console/rulesets/upload", Map.of("_csrf", analyst.csrf, "path", ""),
                "file", "rules.zip", "not a zip".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> notARulesFile = analyst.postMultipart("/console/rulesets/upload",
                Map.of("_csrf", analyst.csrf, "path", "src/main/java/Evil.java"), "file", "Evil.java", "class Evil {}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> noFile = analyst.postMultipart("/console/rulesets/upload", Map.of("_csrf", analyst.csrf, "path", OVERSTAY),
                "file", "", new byte[0]);

        assertThat(notAZip.statusCode()).isEqualTo(400);
        assertThat(notAZip.body()).contains("Upload refused:").doesNotContain("Exception");
        assertThat(notARulesFile.statusCode()).isEqualTo(400);
        assertThat(notARulesFile.body()).contains("src/main/java/Evil.java is not a rules file");
        assertThat(noFile.statusCode()).isEqualTo(400);
        assertThat(noFile.body()).contains("Choose a file to upload.");
        assertThat(store.history(10_000)).hasSize(attempts);
        assertThat(store.versions(10_000)).hasSize(versions);
    }

    @Test
    void activatingAsksForAConfirmationFirst() throws Exception {
        ConsoleSession analyst = signedIn(TestKeys.ANALYST);
        analyst.get("/console/rulesets");
        String active = store.active().orElseThrow().version();
        List<HistoryEntry> before = store.history(10_000);

        HttpResponse<String> confirm = analyst.post("/console/rulesets/activate", "_csrf=" + ConsoleSession.enc(analyst.csrf)
                + "&v=" + ConsoleSession.enc(active));

        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("Activate this version?").contains("name=\"confirm\" value=\"true\"")
                .contains("Yes, activate it").contains("No file differs.");
        assertThat(store.history(10_000)).as("nothing done before the confirmation").hasSize(before.size());

        HttpResponse<String> done = analyst.post("/console/rulesets/activate", "_csrf=" + ConsoleSession.enc(analyst.csrf)
                + "&v=" + ConsoleSession.enc(active) + "&confirm=true");

        assertThat(done.statusCode()).isEqualTo(302);
        assertThat(done.headers().firstValue("Location").orElseThrow()).contains("/console/rulesets?done=activated");
        HistoryEntry last = store.history(1).get(0);
        assertThat(last.outcome()).isEqualTo(HistoryEntry.Outcome.ACTIVATED);
        assertThat(last.version()).isEqualTo(active);
        assertThat(last.by()).isEqualTo("analyst");
        assertThat(store.active().orElseThrow().version()).isEqualTo(active);

        HttpResponse<String> rollback = analyst.post("/console/rulesets/activate", "_csrf=" + ConsoleSession.enc(analyst.csrf)
                + "&v=" + ConsoleSession.enc(active) + "&rollback=true&lang=ru");
        assertThat(rollback.body()).contains("Откатить к этой версии?").contains("Да, откатить");
        assertThat(analyst.post("/console/rulesets/activate", "_csrf=" + ConsoleSession.enc(analyst.csrf)
                + "&v=sha256:0000").statusCode()).isEqualTo(404);
    }

    @Test
    void theDiffOfAVersionWithItselfAndBadInput() throws Exception {
        ConsoleSession analyst = signedIn(TestKeys.ANALYST);
        String active = store.active().orElseThrow().version();
        HttpResponse<String> same = analyst.get("/console/rulesets/diff?from=" + ConsoleSession.enc(active) + "&to="
                + ConsoleSession.enc(active));
        assertThat(same.statusCode()).isEqualTo(200);
        assertThat(same.body()).contains("No file differs.").contains("<label for=\"diff-from\"");
        assertThat(analyst.get("/console/rulesets/diff?from=sha256:0000").statusCode()).isEqualTo(404);
        HttpResponse<String> version = analyst.get("/console/rulesets/version?v=" + ConsoleSession.enc(active));
        assertThat(version.statusCode()).isEqualTo(200);
        assertThat(version.body()).contains("Ruleset version").contains("<label for=\"impact-from\"");
        HttpResponse<String> badDate = analyst.post("/console/rulesets/impact", "_csrf=" + ConsoleSession.enc(analyst.csrf)
                + "&v=" + ConsoleSession.enc(active) + "&from=1+March");
        assertThat(badDate.statusCode()).isEqualTo(400);
        assertThat(badDate.body()).contains("date is not a date (yyyy-MM-dd)");
    }
}

package kz.qagida.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import kz.qagida.system.TestKeys;

/**
 * The console in a real browser: Debian's chromium driven through its chromedriver. Skipped when the
 * machine has no chromium, except under CI ({@code CI=true}), where that fails. Each step saves a
 * screenshot as {@code target/console-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = ConsoleHttpTests.DATABASE)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

    static final String CHROMIUM = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    static final String README_EXAMPLE = """
            {
              "asOf": "2024-04-05",
              "person": { "citizenship": "DE" },
              "stays": [ { "entry": "2024-03-01", "exit": null, "basis": "VISA_FREE" } ]
            }""";

    static final String BANDS = "decision-tables/penalties/overstay-bands.drl.xlsx";
    static final String BAND = "PE-1 Overstay of 6 to 10 days";

    @LocalServerPort
    int port;
    WebDriver browser;
    String evaluationId;

    @BeforeAll
    void startBrowser() throws IOException {
        boolean present = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
        if (!present) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail("CI=true but no browser: install chromium and chromium-driver (" + CHROMIUM + ", "
                        + CHROMEDRIVER + ")");
            }
            Assumptions.abort("no chromium at " + CHROMIUM + " or chromedriver at " + CHROMEDRIVER);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1366,1000", "--lang=en-US",
                "--user-data-dir=" + Files.createTempDirectory("qagida-chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    @Order(1)
    void signInWithAnApiKey() throws IOException {
        open("/console/law");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        WebElement key = browser.findElement(By.id("apiKey"));
        assertThat(key.getAttribute("type")).isEqualTo("password");
        key.sendKeys(TestKeys.ALL, Keys.ENTER);

        assertThat(browser.getCurrentUrl()).as("back to the page asked for").endsWith("/console/law");
        assertThat(browser.findElement(By.cssSelector(".top .who")).getText()).isEqualTo("ops");
        assertThat(browser.getPageSource()).doesNotContain(TestKeys.ALL);
        screenshot("sign-in");
    }

    @Test
    @Order(2)
    void whatAppliesToAKoreanOnTheFirstOfApril2024() throws IOException {
        open("/console/law");
        browser.findElement(By.id("country")).sendKeys("KR");
        date(browser.findElement(By.id("appliesOn")), "2024-04-01");
        browser.findElement(By.id("country")).submit();

        assertThat(browser.getCurrentUrl()).contains("country=KR").contains("on=2024-04-01");
        String applies = browser.findElement(By.cssSelector("section.applies")).getText();
        assertThat(applies).contains("What applies to a citizen of KR with a ordinary passport on 2024-04-01")
                .contains("may enter without a visa and stay up to 30 days per entry").contains("EN-4 KR")
                .contains("The host must notify the migration service").contains("Rows that name KR")
                .contains("1 MRP = 3,692 tenge").contains("Fines");
        screenshot("what-applies-KR");
    }

    @Test
    @Order(3)
    void theReadmeExampleShowsTheSixDayOverstayOnTheTimeline() throws IOException {
        open("/console/check?tab=json");
        WebElement request = browser.findElement(By.id("request"));
        request.clear();
        request.sendKeys(README_EXAMPLE);
        browser.findElement(By.cssSelector("form.check-json button[type=submit]")).click();

        WebElement timeline = browser.findElement(By.cssSelector("svg[aria-label^='Stay timeline']"));
        assertThat(timeline.getAttribute("aria-label")).contains("last lawful day 2024-03-30")
                .contains("overstay of 6 day(s)").contains("earliest re-entry 2024-04-06");
        assertThat(browser.findElements(By.cssSelector("svg.timeline rect.overstay"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("svg.timeline .overstay-label")).getText())
                .isEqualTo("overstay of 6 day(s)");
        assertThat(browser.findElement(By.cssSelector(".answer .status")).getText()).isEqualTo("Violation");
        WebElement overstay = browser.findElement(By.id("c-OVERSTAY"));
        assertThat(overstay.getText()).contains("by 6 day(s)").contains("15 MRP").contains("KOAP art. 517")
                .contains("PE-1");
        WebElement link = browser.findElement(By.cssSelector("a.audit-link"));
        evaluationId = link.getAttribute("href").replaceAll(".*/console/audit/", "");
        assertThat(evaluationId).matches("[0-9a-f-]{36}");
        screenshot("check-readme-example");
    }

    @Test
    @Order(4)
    void theEvaluationIsFoundOnTheAuditPage() throws IOException {
        Assumptions.assumeTrue(evaluationId != null, "the check ran");
        open("/console/audit");
        browser.findElement(By.name("citizenship")).sendKeys("DE");
        browser.findElement(By.name("ruleId")).sendKeys("PE-1");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("status"))).selectByValue("VIOLATION");
        browser.findElement(By.name("ruleId")).submit();

        WebElement found = browser.findElement(By.cssSelector("a[href$='" + evaluationId + "']"));
        screenshot("audit-search");
        found.click();

        assertThat(browser.findElement(By.tagName("h1")).getText()).contains(evaluationId);
        assertThat(browser.findElement(By.cssSelector("svg[aria-label^='Stay timeline']")).getAttribute("aria-label"))
                .contains("overstay of 6 day(s)");
        assertThat(browser.findElement(By.cssSelector("section.replay")).getText())
                .contains("The current ruleset gives the same answer.");
        assertThat(browser.findElement(By.cssSelector("details.fired")).getAttribute("open")).isNull();
        screenshot("audit-evaluation");
    }

    @Test
    @Order(5)
    void theSameCheckInRussianFromTheForm() throws IOException {
        open("/console/check?lang=ru");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Проверка");
        browser.findElement(By.name("person.citizenship")).sendKeys("DE");
        date(browser.findElement(By.name("asOf")), "2024-04-05");
        date(browser.findElement(By.name("stays[0].entry")), "2024-03-01");
        browser.findElement(By.cssSelector("button.primary")).click();

        String label = browser.findElement(By.cssSelector("svg[aria-label^='Stay timeline']")).getAttribute("aria-label");
        assertThat(label).contains("последний законный день 2024-03-30").contains("превышение срока на 6 дн.");
        assertThat(browser.findElement(By.cssSelector(".answer .status")).getText()).isEqualTo("Нарушение");
        assertThat(browser.findElement(By.cssSelector(".group.sev-VIOLATION h3")).getText()).startsWith("Нарушения");
        assertThat(browser.findElement(By.id("c-OVERSTAY")).findElement(By.cssSelector(".message")).getText())
                .as("the conclusion's message in Russian").containsPattern("[а-яА-Я]").contains("6");
        screenshot("check-ru");
    }

    /**
     * Publishes a changed table as a candidate (not activated, so the rules every other test sees stay
     * as they are), finds it in the history, and reads its diff and its impact on the checks recorded
     * above. The change: the citation of the 6-to-10-day overstay band, which no scenario pins.
     */
    @Test
    @Order(6)
    void aChangedTableIsPublishedAndItsDiffAndImpactRead() throws IOException {
        Path table = Files.createTempDirectory("qagida-upload").resolve("overstay-bands.drl.xlsx");
        Files.copy(kz.qagida.rules.TestRules.ROOT.resolve(BANDS), table);
        kz.qagida.ruleset.RulesRootCopy.editCell(table, BAND, "KOAP art. 517 part 3-4", "KOAP art. 517 part 4");
        open("/console/rulesets?lang=en");
        String active = browser.findElement(By.cssSelector("a.active-version code")).getText();
        browser.findElement(By.id("path")).sendKeys(BANDS);
        browser.findElement(By.id("file")).sendKeys(table.toString());
        assertThat(browser.findElement(By.id("activate")).isSelected()).isFalse();
        // the gate runs in a child JVM: tens of seconds, over a minute on a busy machine; the click waits for the answer
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(300));
        try {
            browser.findElement(By.cssSelector("form[enctype='multipart/form-data'] button[type=submit]")).click();
        } finally {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        }
        assertThat(browser.getCurrentUrl()).contains("/console/rulesets/version");
        assertThat(browser.findElement(By.cssSelector("p.ok")).getText()).contains("stored as a candidate");
        assertThat(browser.findElement(By.cssSelector("section.gate")).getText()).contains("Passed");
        String candidate = browser.findElement(By.cssSelector("h1 code")).getText();
        assertThat(candidate).startsWith("sha256:").isNotEqualTo(active);
        screenshot("ruleset-candidate");

        open("/console/rulesets");
        WebElement latest = browser.findElements(By.cssSelector("table.history tbody tr")).get(0);
        assertThat(latest.getText()).contains("stored as candidate").contains(BANDS).contains("ops");
        assertThat(latest.findElement(By.cssSelector("code")).getAttribute("title")).isEqualTo(candidate);
        assertThat(browser.findElement(By.cssSelector("a.active-version code")).getText()).as("still active").isEqualTo(active);
        screenshot("rulesets");

        latest.findElement(By.cssSelector("a")).click();
        browser.findElement(By.cssSelector("a.diff-link")).click();
        WebElement rows = browser.findElement(By.cssSelector("table.table-rows"));
        assertThat(rows.getText()).contains(BAND).contains("citation").contains("KOAP art. 517 part 3-4")
                .contains("KOAP art. 517 part 4");
        assertThat(rows.findElements(By.cssSelector("tbody tr"))).hasSize(1);
        screenshot("ruleset-diff");

        browser.navigate().back();
        browser.findElement(By.cssSelector("form.impact-form button[type=submit]")).click();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Impact on recorded checks");
        int replayed = Integer.parseInt(browser.findElement(By.cssSelector("dd.replayed")).getText().split(" ")[0]);
        assertThat(replayed).isPositive();
        assertThat(Integer.parseInt(browser.findElement(By.cssSelector("dd.changed")).getText())).isPositive();
        assertThat(browser.findElement(By.cssSelector("section.conclusion-changes")).getText()).contains("OVERSTAY").contains("PE-1");
        if (evaluationId != null) {
            assertThat(browser.findElements(By.cssSelector("a.example[href$='/console/audit/" + evaluationId + "']")))
                    .as("the README example's check is among the examples").hasSize(1);
        }
        screenshot("ruleset-impact");
    }

    private void open(String path) {
        browser.get("http://127.0.0.1:" + port + path);
    }

    /** Sets a date input (typing into one depends on the browser's locale). */
    private void date(WebElement input, String isoDate) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, isoDate);
    }

    private void screenshot(String name) throws IOException {
        long height = (Long) ((JavascriptExecutor) browser).executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(1366, (int) Math.min(Math.max(height, 700), 4000)));
        Path file = Path.of("target", "console-" + name + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        browser.manage().window().setSize(new Dimension(1366, 1000));
    }
}

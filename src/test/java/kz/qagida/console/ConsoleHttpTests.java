package kz.qagida.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import kz.qagida.system.TestKeys;

/** The console's sign-in, session and roles over plain HTTP, and the API left stateless beside it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = ConsoleHttpTests.DATABASE)
class ConsoleHttpTests {

    /** Shared with the browser tests, so that both run in one application context. */
    static final String DATABASE = "spring.datasource.url=jdbc:h2:mem:console;DB_CLOSE_DELAY=-1";

    @LocalServerPort
    int port;
    final HttpClient http = HttpClient.newHttpClient();

    private ConsoleSession session() {
        return new ConsoleSession(port);
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static String enc(String s) {
        return ConsoleSession.enc(s);
    }

    @Test
    void pagesSendStrangersToTheSignInForm() throws Exception {
        HttpResponse<String> r = session().get("/console/law");
        assertThat(r.statusCode()).isEqualTo(302);
        assertThat(r.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/console/login"));

        HttpResponse<String> form = session().get("/console/login");
        assertThat(form.body()).contains("name=\"apiKey\"").contains("type=\"password\"").contains("name=\"_csrf\"")
                .contains("<label for=\"apiKey\"");
    }

    @Test
    void signingInGivesANewHttpOnlySameSiteStrictSessionAndNeedsTheCsrfToken() throws Exception {
        ConsoleSession s = session();
        s.get("/console/login");
        String before = s.cookie;
        assertThat(s.post("/console/login", "apiKey=" + enc(TestKeys.ALL)).statusCode()).as("no CSRF token").isEqualTo(403);

        HttpResponse<String> r = s.post("/console/login", "_csrf=" + enc(s.csrf) + "&apiKey=" + enc(TestKeys.ALL));

        assertThat(r.statusCode()).isEqualTo(302);
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").doesNotContain("Secure");
        assertThat(s.cookie).isNotEqualTo(before);
        HttpResponse<String> home = s.get("/console");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("ops").doesNotContain(TestKeys.ALL);
    }

    @Test
    void aWrongKeyIsRefusedWithoutBeingShownBack() throws Exception {
        ConsoleSession s = session();
        HttpResponse<String> r = s.signIn("not-a-known-key-but-long-enough");

        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("That key is not known.").doesNotContain("not-a-known-key-but-long-enough");
        assertThat(s.get("/console/law").statusCode()).isEqualTo(302);
    }

    @Test
    void pagesNeedTheRolesTheirApiNeeds() throws Exception {
        ConsoleSession checker = session();
        checker.signIn(TestKeys.CHECKER);
        assertThat(checker.get("/console/law").statusCode()).isEqualTo(200);
        assertThat(checker.get("/console/check").statusCode()).isEqualTo(200);
        assertThat(checker.get("/console/audit").statusCode()).isEqualTo(403);
        assertThat(checker.get("/console").body()).doesNotContain("href=\"/console/audit\"");

        ConsoleSession auditor = session();
        auditor.signIn(TestKeys.AUDITOR);
        assertThat(auditor.get("/console/audit").statusCode()).isEqualTo(200);
        assertThat(auditor.get("/console/check").statusCode()).isEqualTo(403);
        assertThat(auditor.post("/console/check", "_csrf=" + enc(auditor.csrf) + "&person.citizenship=DE").statusCode())
                .isEqualTo(403);
    }

    @Test
    void signingOutEndsTheSession() throws Exception {
        ConsoleSession s = session();
        s.signIn(TestKeys.ALL);
        s.get("/console");
        String signedIn = s.cookie;
        assertThat(s.post("/console/logout", "").statusCode()).as("sign-out needs the CSRF token").isEqualTo(403);

        HttpResponse<String> out = s.post("/console/logout", "_csrf=" + enc(s.csrf));

        assertThat(out.statusCode()).isEqualTo(302);
        s.cookie = signedIn;
        assertThat(s.get("/console/law").statusCode()).isEqualTo(302);
    }

    @Test
    void theApiStaysStatelessAndIgnoresConsoleSessions() throws Exception {
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(uri("/api/v1/rules?area=stay"))
                .header(TestKeys.HEADER, TestKeys.ALL).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().allValues("Set-Cookie")).isEmpty();

        ConsoleSession s = session();
        s.signIn(TestKeys.ALL);
        assertThat(s.get("/api/v1/rules").statusCode()).as("a console session is no API key").isEqualTo(401);
    }

    @Test
    void theLanguageFollowsTheBrowserOrTheSwitch() throws Exception {
        assertThat(session().get("/console/login", "Accept-Language", "ru-RU,ru;q=0.9,en;q=0.5").body())
                .contains("lang=\"ru\"").contains("Вход");
        assertThat(session().get("/console/login", "Accept-Language", "de-DE,kk;q=0.8").body())
                .contains("lang=\"kk\"").contains("Кіру");
        ConsoleSession s = session();
        s.get("/console/login?lang=kk", "Accept-Language", "en");
        s.post("/console/login", "_csrf=" + enc(s.csrf) + "&apiKey=" + enc(TestKeys.ALL));
        assertThat(s.get("/console/law", "Accept-Language", "en").body()).as("the switch outlives signing in")
                .contains("lang=\"kk\"").contains("Салалар");
    }

    @Test
    void badInputIsA400NamingTheField() throws Exception {
        ConsoleSession s = session();
        s.signIn(TestKeys.ALL);
        assertThat(s.get("/console/law?country=QQ").statusCode()).isEqualTo(400);
        HttpResponse<String> r = s.post("/console/check", "_csrf=" + enc(s.csrf)
                + "&person.citizenship=DE&stays%5B0%5D.entry=2024-03-10&stays%5B0%5D.exit=2024-03-01");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("stays[0].exit").doesNotContain("Exception");
        HttpResponse<String> json = s.post("/console/check/json", "_csrf=" + enc(s.csrf) + "&request="
                + enc("{\"person\":{\"citizenship\":\"DE\"},\"stays\":[{\"entry\":\"1 March\"}]}"));
        assertThat(json.statusCode()).isEqualTo(400);
        assertThat(json.body()).contains("stays[0].entry");
    }
}

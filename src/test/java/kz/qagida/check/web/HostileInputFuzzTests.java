package kz.qagida.check.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import kz.qagida.QagidaApplication;
import kz.qagida.system.TestKeys;

/**
 * Thousands of malformed and hostile bodies against the real HTTP endpoints: every answer is a
 * 2xx or a 4xx problem, never a 5xx, and the service stays up.
 */
class HostileInputFuzzTests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static ConfigurableApplicationContext app;
    private static String base;
    private static String example;

    @BeforeContainer
    static void start() throws Exception {
        app = new SpringApplicationBuilder(QagidaApplication.class).run("--server.port=0",
                "--logging.level.kz.qagida.system.ProblemHandler=OFF");
        base = "http://localhost:" + app.getEnvironment().getProperty("local.server.port");
        example = Files.readString(Path.of("src/main/resources/api/check-request-example.json"));
    }

    @AfterContainer
    static void stop() throws Exception {
        try {
            HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("UP");
        } finally {
            app.close();
        }
    }

    private static HttpResponse<String> post(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header(TestKeys.HEADER, TestKeys.CHECKER).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertNoServerError(String path, String body) throws Exception {
        HttpResponse<String> response = post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).as("%s %s -> %s", path, abbreviate(body), response.body()).isLessThan(500);
        if (response.statusCode() >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).as(abbreviate(body)).hasValue("application/problem+json");
            assertThat(response.body()).doesNotContain("Exception", "at kz.", "at org.");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…(" + s.length() + ")" : s;
    }

    @Property(tries = 1500)
    void mutatedRequestsNeverFailTheServer(@ForAll("mutated") String body) throws Exception {
        assertNoServerError("/api/v1/checks", body);
    }

    @Property(tries = 1500)
    void generatedRequestsWithHostileValuesNeverFailTheServer(@ForAll("generated") String body) throws Exception {
        assertNoServerError("/api/v1/checks", body);
    }

    @Property(tries = 500)
    void arbitraryBytesNeverFailTheServer(@ForAll("bytes") byte[] body, @ForAll("contentTypes") String contentType)
            throws Exception {
        HttpResponse<String> response = post("/api/v1/checks", contentType, body);
        assertThat(response.statusCode()).isLessThan(500);
    }

    @Property(tries = 300)
    void hostileBatchesNeverFailTheServer(@ForAll("batches") String body) throws Exception {
        assertNoServerError("/api/v1/checks/batch", body);
    }

    /** The contract's example with one value replaced, a span cut or a piece of junk inserted. */
    @Provide
    Arbitrary<String> mutated() {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, 2000);
        Arbitrary<String> replaceValue = Combinators.combine(Arbitraries.of(fieldValues()), hostileValue())
                .as((original, replacement) -> example.replace(original, replacement));
        Arbitrary<String> cut = Combinators.combine(at, Arbitraries.integers().between(1, 60))
                .as((from, length) -> {
                    int start = Math.min(from, example.length());
                    return example.substring(0, start) + example.substring(Math.min(example.length(), start + length));
                });
        Arbitrary<String> insert = Combinators.combine(at, Arbitraries.oneOf(hostileValue(), Arbitraries.strings().ofMaxLength(8)))
                .as((from, junk) -> {
                    int start = Math.min(from, example.length());
                    return example.substring(0, start) + junk + example.substring(start);
                });
        return Arbitraries.oneOf(replaceValue, cut, insert);
    }

    /** Every value in the example, quoted as it appears, to be swapped for something hostile. */
    private static List<String> fieldValues() {
        return List.of("\"2024-03-20\"", "\"DE\"", "\"ORDINARY\"", "\"1990-05-01\"", "\"2030-01-01\"", "false", "true",
                "\"2024-01-05\"", "\"2024-01-20\"", "\"VISA_FREE\"", "\"AIR\"", "\"LAND\"", "null", "\"B12\"", "\"SINGLE\"",
                "\"WORK\"", "\"LEGAL_ENTITY\"", "\"MEDIUM\"", "0", "[\"488\"]", "\"C3\"", "[\"MULTIPLE_ENTRY_VISA_ISSUE\"]",
                "20", "\"2024-06-01\"", "\"2024-03-01\"");
    }

    /** Values that have broken services before: wrong types, extremes, odd text, deep nesting. */
    private static Arbitrary<String> hostileValue() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "0", "-1", "2147483648", "-9223372036854775809", "1e309", "-0", "0.5", "NaN",
                        "\"\"", "\" \"", "{}", "[]", "[null]", "[[]]", "{\"a\":1}", "\"0000-01-01\"", "\"9999-12-31\"",
                        "\"+999999999-12-31\"", "\"-999999999-01-01\"", "\"2024-02-29\"", "\"2023-02-29\"", "\"2024-13-01\"",
                        "\"2024-1-1\"", "\"1900-01-01\"", "\"2100-12-31\"", "\"1899-12-31\"", "\"2101-01-01\"",
                        "\"\\u0000\"", "\"\\ud800\"", "\"\u202e\"", "\"<script>alert(1)</script>\"", "\"'; DROP TABLE x; --\"",
                        "\"${jndi:ldap://x}\"", "\"%s%n%x\"", "\"..\\/..\\/etc/passwd\"", "\"ДЕ\"", "\"de\"", "\"XX\"", "\"UNO\"",
                        "\"DIPLOMATIC\"", "\"VISA\"", "\"MULTIPLE\""),
                Arbitraries.integers().between(1, 3000).map(n -> "[".repeat(n) + "]".repeat(n)),
                Arbitraries.integers().between(1, 3000).map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)),
                Arbitraries.integers().between(90, 5000).map(n -> "\"" + "x".repeat(n) + "\""),
                Arbitraries.integers().between(90, 400).map(n -> "[" + "\"1\",".repeat(n) + "\"1\"]"),
                Arbitraries.longs().map(n -> Long.toString(n)),
                Arbitraries.strings().all().ofMaxLength(40).map(HostileInputFuzzTests::quote));
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Requests built from the contract's fields with random, often hostile, values. */
    @Provide
    Arbitrary<String> generated() {
        Arbitrary<String> date = Arbitraries.oneOf(
                Arbitraries.integers().between(1850, 2150).flatMap(y -> Arbitraries.integers().between(1, 12)
                        .flatMap(m -> Arbitraries.integers().between(1, 28).map(d -> String.format("\"%04d-%02d-%02d\"", y, m, d)))),
                hostileValue());
        Arbitrary<String> stay = Combinators.combine(date, Arbitraries.oneOf(date, Arbitraries.just("null")),
                Arbitraries.of("\"VISA_FREE\"", "\"VISA\"", "\"RESIDENCE_PERMIT\"", "\"X\"", "null"),
                Arbitraries.of("\"AIR\"", "\"LAND\"", "\"RAIL\"", "null", "1"))
                .as((entry, exit, basis, transport) -> "{\"entry\":" + entry + ",\"exit\":" + exit + ",\"basis\":" + basis
                        + ",\"transport\":" + transport + "}");
        Arbitrary<String> stays = stay.list().ofMaxSize(40).map(l -> "[" + String.join(",", l) + "]");
        Arbitrary<String> citizenship = Arbitraries.oneOf(Arbitraries.of("\"DE\"", "\"KR\"", "\"CN\"", "\"RU\"", "\"US\"",
                "\"AF\"", "\"IN\"", "\"UNO\"", "\"XX\"", "\"KZ\""), hostileValue());
        Arbitrary<String> optional = Arbitraries.of(
                "\"visa\":{\"category\":%s,\"entries\":\"MULTIPLE\",\"issued\":%s,\"validUntil\":%s}",
                "\"residencePermit\":{\"issued\":%s,\"validUntil\":%s,\"purpose\":%s}",
                "\"host\":{\"kind\":\"INDIVIDUAL\",\"notifiedOn\":%s,\"penaltiesLast12Months\":%s,\"lastPenaltyOn\":%s}",
                "\"history\":{\"expulsionDecisionOn\":%s,\"lastOverstayPenaltyOn\":%s,\"offences\":%s}",
                "\"requests\":{\"documentFor\":%s,\"plannedEntry\":{\"date\":%s,\"days\":%s}}",
                "\"work\":{\"employed\":%s,\"workPermit\":%s,\"x\":%s}");
        Arbitrary<String> filled = Combinators.combine(optional, date, date, Arbitraries.oneOf(hostileValue(), date))
                .as((template, a, b, c) -> String.format(template, a, b, c));
        return Combinators.combine(date, citizenship, stays, filled.list().ofMaxSize(4), Arbitraries.of("", ",\"extra\":1"))
                .as((asOf, country, s, extras, tail) -> "{\"asOf\":" + asOf + ",\"person\":{\"citizenship\":" + country + "},\"stays\":" + s
                        + (extras.isEmpty() ? "" : "," + String.join(",", extras)) + tail + "}");
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.strings().all().ofMaxLength(500).map(s -> s.getBytes(StandardCharsets.UTF_8)));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/json; charset=UTF-16", "text/plain", "application/xml",
                "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/zip");
    }

    @Provide
    Arbitrary<String> batches() {
        return Arbitraries.oneOf(generated(), mutated(), hostileValue()).list().ofMaxSize(30)
                .map(items -> "{\"checks\":[" + String.join(",", items) + "]}");
    }
}

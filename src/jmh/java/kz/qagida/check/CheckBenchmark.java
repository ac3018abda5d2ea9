package kz.qagida.check;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.rules.ActiveRuleBase;
import kz.qagida.rules.RuleBaseLoader;
import kz.qagida.rules.RuleSource;

/**
 * A typical check (the contract's example) and one with 50 stays over five years, evaluated in-process against the project's rules
 * (the target for 50 stays: under 1 ms at p99). Run from the repository root:
 * <pre>./mvnw -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main CheckBenchmark</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class CheckBenchmark {

    private CheckService service;
    private CheckRequest russian;
    private CheckRequest german;
    private CheckRequest typical;
    private CheckRequest booked;

    @Setup
    public void setUp() throws Exception {
        service = new CheckService(new ActiveRuleBase(RuleBaseLoader.load(RuleSource.fromDirectory(Path.of("").toAbsolutePath()))),
                Clock.fixed(LocalDate.of(2026, 3, 1).atStartOfDay(ZoneId.of("Asia/Almaty")).toInstant(), ZoneId.of("Asia/Almaty")));
        JsonMapper json = JsonMapper.builder().build();
        russian = json.readValue(request("RU", "2026-03-01"), CheckRequest.class);
        german = json.readValue(request("DE", "2026-03-01"), CheckRequest.class);
        // the last stay ended before the bookings: a booked trip may not overlap a stay (the open one runs on)
        booked = json.readValue(withBookings(request("DE", "2026-03-01", false), LocalDate.of(2026, 3, 20), 10), CheckRequest.class);
        typical = json.readValue(Path.of("src/main/resources/api/check-request-example.json").toFile(), CheckRequest.class);
    }

    /** 50 stays of 8 to 40 days from March 2021, one every 36 or so days; the last one open. */
    static String request(String citizenship, String asOf) {
        return request(citizenship, asOf, true);
    }

    /** As above; with {@code lastOpen} false the last stay has its exit too. */
    static String request(String citizenship, String asOf, boolean lastOpen) {
        StringBuilder stays = new StringBuilder();
        LocalDate entry = LocalDate.of(2021, 3, 1);
        for (int i = 0; i < 50; i++) {
            int days = 8 + (i * 7) % 33;
            LocalDate exit = entry.plusDays(days - 1L);
            stays.append(i == 0 ? "" : ",").append("{\"entry\":\"").append(entry).append("\",\"exit\":")
                    .append(i == 49 && lastOpen ? "null" : "\"" + exit + "\"").append(",\"basis\":\"VISA_FREE\"}");
            entry = exit.plusDays(4 + (i * 5) % 11);
        }
        return "{\"asOf\":\"" + asOf + "\",\"person\":{\"citizenship\":\"" + citizenship + "\",\"birthDate\":\"1990-01-01\"},"
                + "\"stays\":[" + stays + "],\"requests\":{\"plannedEntry\":{\"date\":\"2026-05-01\",\"days\":20}}}";
    }

    /** The request with {@code count} booked trips of 10 days after asOf, one every 30 days from {@code first}. */
    static String withBookings(String request, LocalDate first, int count) {
        StringBuilder trips = new StringBuilder();
        for (int i = 0; i < count; i++) {
            LocalDate entry = first.plusDays(30L * i);
            trips.append(",{\"entry\":\"").append(entry).append("\",\"exit\":\"").append(entry.plusDays(9))
                    .append("\",\"basis\":\"VISA_FREE\"}");
        }
        int end = request.indexOf("],\"requests\"");
        return request.substring(0, end) + trips + request.substring(end);
    }

    /** 50 stays over five years and 10 bookings (PLANNED_STAY for each, in date order): under 1 ms at p99. */
    @Benchmark
    public CheckResponse germanWith50StaysAnd10Bookings() {
        return service.check(booked, "en");
    }

    /** The contract's example: two stays, a visa, a permit, a host, requests (the target: under 200 µs at p99). */
    @Benchmark
    public CheckResponse typical() {
        return service.check(typical, "en");
    }

    @Benchmark
    public CheckResponse russianWith50Stays() {
        return service.check(russian, "en");
    }

    @Benchmark
    public CheckResponse germanWith50Stays() {
        return service.check(german, "en");
    }
}

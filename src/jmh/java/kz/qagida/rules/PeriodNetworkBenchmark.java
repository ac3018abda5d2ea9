package kz.qagida.rules;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

import tools.jackson.databind.json.JsonMapper;

import kz.qagida.check.CheckRequest;
import kz.qagida.check.CheckResponse;
import kz.qagida.check.CheckService;
import kz.qagida.law.RuleInfo;

/**
 * Would a rule network per validity period make a check cheaper? Builds the project's rule base
 * twice: once whole (every rule and row in the network, those not in force on {@code asOf} dropped
 * by the agenda filter at firing time, as served today), once without the rules and rows not in
 * force on {@code asOf} (what a network per validity period would hold). Checks that both answer
 * the same, then alternates rounds of checks on the two and prints the CPU time per check of each
 * and their ratio. Run from the repository root after {@code ./mvnw -q test-compile} and
 * {@code dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test}:
 * <pre>java -cp target/test-classes:target/classes:$(cat target/cp.txt) kz.qagida.rules.PeriodNetworkBenchmark [rounds] [checks]</pre>
 */
public final class PeriodNetworkBenchmark {

    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 6;
        int checks = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        LocalDate asOf = LocalDate.of(2026, 3, 1);
        Clock clock = Clock.fixed(asOf.atStartOfDay(ZoneId.of("Asia/Almaty")).toInstant(), ZoneId.of("Asia/Almaty"));
        JsonMapper json = JsonMapper.builder().build();
        List<RuleFile> files = RuleSource.fromDirectory(Path.of("").toAbsolutePath());
        RuleBase whole = RuleBaseLoader.load(files);
        RuleBase period = RuleBaseLoader.load(files);
        int total = 0;
        int removed = 0;
        for (KiePackage pkg : new ArrayList<>(period.kieBase().getKiePackages())) {
            for (Rule rule : new ArrayList<>(pkg.getRules())) {
                total++;
                if (!RuleInfo.of(rule).validity().contains(asOf)) {
                    period.kieBase().removeRule(pkg.getName(), rule.getName());
                    removed++;
                }
            }
        }
        System.out.printf("rules: %d; not in force on %s (left out of the period's network): %d%n", total, asOf, removed);
        String example = Files.readString(Path.of("src/main/resources/api/check-request-example.json"))
                .replaceFirst("\"asOf\"\\s*:\\s*\"[0-9-]+\"", "\"asOf\":\"" + asOf + "\"");
        List<CheckRequest> requests = List.of(json.readValue(example, CheckRequest.class),
                json.readValue(fiftyStays("DE", asOf), CheckRequest.class), json.readValue(fiftyStays("RU", asOf), CheckRequest.class));
        CheckService onWhole = new CheckService(new ActiveRuleBase(whole), clock);
        CheckService onPeriod = new CheckService(new ActiveRuleBase(period), clock);
        for (CheckRequest r : requests) {
            // the same conclusions, whatever the order rules of one phase fired in
            List<String> a = onWhole.check(r, "en").conclusions().stream().map(json::writeValueAsString).sorted().toList();
            List<String> b = onPeriod.check(r, "en").conclusions().stream().map(json::writeValueAsString).sorted().toList();
            if (!a.equals(b)) {
                List<String> onlyA = new ArrayList<>(a);
                onlyA.removeAll(b);
                List<String> onlyB = new ArrayList<>(b);
                onlyB.removeAll(a);
                throw new IllegalStateException("the two networks answer differently: whole only " + onlyA + "; period only " + onlyB);
            }
        }
        for (int w = 0; w < 3; w++) { // warm both
            run(onWhole, requests, checks);
            run(onPeriod, requests, checks);
        }
        double[] wholeUs = new double[rounds];
        double[] periodUs = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            if (i % 2 == 0) {
                wholeUs[i] = run(onWhole, requests, checks);
                periodUs[i] = run(onPeriod, requests, checks);
            } else {
                periodUs[i] = run(onPeriod, requests, checks);
                wholeUs[i] = run(onWhole, requests, checks);
            }
            System.out.printf("round %d: whole network %.1f µs CPU per check, period network %.1f µs, ratio %.3f%n", i + 1,
                    wholeUs[i], periodUs[i], periodUs[i] / wholeUs[i]);
        }
        System.out.printf("median: whole %.1f µs, period %.1f µs, period/whole %.3f%n", median(wholeUs), median(periodUs),
                median(periodUs) / median(wholeUs));
    }

    /** CPU microseconds per check over {@code n} checks cycling through the requests. */
    private static double run(CheckService service, List<CheckRequest> requests, int n) {
        long start = CPU.getCurrentThreadCpuTime();
        long sink = 0;
        for (int i = 0; i < n; i++) {
            CheckResponse r = service.check(requests.get(i % requests.size()), "en");
            sink += r.conclusions().size();
        }
        if (sink < 0) {
            System.out.println(sink);
        }
        return (CPU.getCurrentThreadCpuTime() - start) / 1e3 / n;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fiftyStays(String citizenship, LocalDate asOf) {
        StringBuilder stays = new StringBuilder();
        LocalDate entry = asOf.minusYears(5);
        for (int i = 0; i < 50; i++) {
            int days = 8 + (i * 7) % 33;
            LocalDate exit = entry.plusDays(days - 1L);
            boolean last = i == 49 || !exit.plusDays(4 + (i * 5) % 11).isBefore(asOf);
            stays.append(i == 0 ? "" : ",").append("{\"entry\":\"").append(entry).append("\",\"exit\":")
                    .append(last ? "null" : "\"" + exit + "\"").append(",\"basis\":\"VISA_FREE\"}");
            if (last) {
                break;
            }
            entry = exit.plusDays(4 + (i * 5) % 11);
        }
        return "{\"asOf\":\"" + asOf + "\",\"person\":{\"citizenship\":\"" + citizenship + "\"},\"stays\":[" + stays + "]}";
    }
}

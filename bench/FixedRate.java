import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load driver (what wrk2 does, which Debian lacks): sends POSTs at a fixed rate and
 * measures each latency from the moment the request was due, so a stalled server is not hidden
 * by the client waiting (coordinated omission).
 *
 *   java bench/FixedRate.java URL KEY BODY_FILE RATE_PER_S SECONDS [LABEL]
 *
 * Prints one line: JSON {label, rate, sent, ok, failed, p50_ms, p90_ms, p99_ms, p999_ms, max_ms}.
 */
public class FixedRate {

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String key = args[1];
        byte[] body = Files.readAllBytes(Path.of(args[2]));
        double rate = Double.parseDouble(args[3]);
        int seconds = Integer.parseInt(args[4]);
        String label = args.length > 5 ? args[5] : "fixed-rate";
        int total = (int) Math.round(rate * seconds);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("X-API-Key", key)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        long[] latencies = new long[total];
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(total);
        long period = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - due;
                if (error == null && response.statusCode() / 100 == 2) {
                    ok.incrementAndGet();
                } else {
                    failed.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        Arrays.sort(latencies);
        System.out.printf(java.util.Locale.ROOT,
                "JSON {\"label\":\"%s\",\"rate\":%.1f,\"sent\":%d,\"ok\":%d,\"failed\":%d,\"p50_ms\":%.2f,\"p90_ms\":%.2f,"
                        + "\"p99_ms\":%.2f,\"p999_ms\":%.2f,\"max_ms\":%.2f}%n",
                label, rate, total, ok.get(), failed.get(), ms(latencies, 0.50), ms(latencies, 0.90), ms(latencies, 0.99),
                ms(latencies, 0.999), latencies[total - 1] / 1e6);
        System.exit(0);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}

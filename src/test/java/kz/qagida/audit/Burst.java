package kz.qagida.audit;

import kz.qagida.system.TestKeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Concurrent checks against one or more services; remembers every evaluation answered with 200. */
final class Burst {

    private static final Pattern ID = Pattern.compile("\"evaluationId\":\"([0-9a-f-]{36})\"");
    static final List<String> REQUESTS = List.of(AuditStoreContract.OVERSTAYING_GERMAN, AuditStoreContract.AMERICAN,
            AuditStoreContract.LAWFUL_GERMAN);

    final Set<UUID> answered = ConcurrentHashMap.newKeySet();
    final AtomicInteger refused = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> threads = new ArrayList<>();

    /** Starts {@code perTarget} client threads on each target; each sends until stopped or {@code max} answers. */
    Burst start(List<URI> targets, int perTarget, int max) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        for (URI target : targets) {
            for (int t = 0; t < perTarget; t++) {
                int offset = t;
                Thread thread = new Thread(() -> {
                    int i = offset;
                    while (running.get() && answered.size() < max) {
                        HttpRequest request = HttpRequest.newBuilder(target).header(TestKeys.HEADER, TestKeys.ALL).timeout(Duration.ofSeconds(20))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(REQUESTS.get(i++ % REQUESTS.size()))).build();
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            Matcher m = ID.matcher(r.body());
                            if (r.statusCode() == 200 && m.find()) {
                                answered.add(UUID.fromString(m.group(1)));
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (Exception e) {
                            refused.incrementAndGet();
                            if (e instanceof InterruptedException) {
                                return;
                            }
                        }
                    }
                });
                threads.add(thread);
                thread.start();
            }
        }
        return this;
    }

    void awaitAnswers(int n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (answered.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(30_000);
        }
    }
}

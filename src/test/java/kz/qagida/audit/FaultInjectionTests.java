package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances on one PostgreSQL under load, instance A through a TCP proxy that first stalls (every
 * byte held, connections open) and then drops its connections: B answers every check throughout, A's
 * readiness is DOWN while it cannot record and UP again after, its liveness answers at once, no
 * check answered 200 by either is missing from the trail, a record nobody received is marked
 * undelivered, and every chain verifies. Needs the PostgreSQL test server (see {@link TestDatabase}).
 */
class FaultInjectionTests {

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void aStalledAndDroppedConnectionStopsOnlyItsInstanceAndLosesNoAcknowledgedRecord() throws Exception {
        try (TestDatabase db = TestDatabase.postgresEmpty(); TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
            Map<String, String> direct = Map.of("SPRING_DATASOURCE_URL", db.url, "SPRING_DATASOURCE_USERNAME", db.user,
                    "SPRING_DATASOURCE_PASSWORD", "");
            Map<String, String> proxied = Map.of("SPRING_DATASOURCE_URL",
                    db.url.replace("127.0.0.1:5432", "127.0.0.1:" + proxy.port()), "SPRING_DATASOURCE_USERNAME",
                    db.user, "SPRING_DATASOURCE_PASSWORD", "");
            String[] quick = {"--qagida.audit.commit-timeout=PT2S", "--qagida.audit.database.socket-timeout=PT4S",
                    "--qagida.audit.database.connect-timeout=PT3S", "--qagida.audit.database.idle-in-transaction-timeout=PT5S"};
            try (ServiceProcess b = ServiceProcess.start("fault-b", java.nio.file.Files.createDirectories(dir.resolve("b")),
                    direct);
                    ServiceProcess a = ServiceProcess.start("fault-a", java.nio.file.Files.createDirectories(dir.resolve("a")),
                            proxied, quick)) {
                b.awaitUp(Duration.ofSeconds(300)); // start-up only: a shared, loaded machine needs minutes
                a.awaitUp(Duration.ofSeconds(300));
                Burst viaA = new Burst().start(List.of(a.uri("/api/v1/checks")), 3, Integer.MAX_VALUE);
                Burst viaB = new Burst().start(List.of(b.uri("/api/v1/checks")), 3, Integer.MAX_VALUE);
                Thread.sleep(3_000);
                assertThat(status(a, "/actuator/health/readiness")).isEqualTo(200);

                proxy.stall();
                boolean down = false;
                long slowestLiveness = 0;
                for (long end = System.nanoTime() + Duration.ofSeconds(8).toNanos(); System.nanoTime() < end;) {
                    down |= status(a, "/actuator/health/readiness") == 503;
                    long started = System.nanoTime();
                    assertThat(status(a, "/actuator/health/liveness")).isEqualTo(200);
                    slowestLiveness = Math.max(slowestLiveness, System.nanoTime() - started);
                    Thread.sleep(200);
                }
                assertThat(down).as("A's readiness DOWN while its connection stalls").isTrue();
                int answeredByBDuringStall = viaB.answered.size();

                proxy.resume();
                awaitStatus(a, "/actuator/health/readiness", 200, Duration.ofSeconds(30));
                proxy.drop();
                Thread.sleep(1_000);
                awaitStatus(a, "/actuator/health/readiness", 200, Duration.ofSeconds(30));
                int before = viaA.answered.size();
                viaA.awaitAnswers(before + 20, Duration.ofSeconds(30));
                viaA.stop();
                viaB.stop();

                assertThat(viaB.refused.get()).as("checks B refused").isZero();
                assertThat(answeredByBDuringStall).as("B answered during the stall").isGreaterThan(0);
                assertThat(viaA.refused.get()).as("A refused some while stalled").isGreaterThan(0);
                assertThat(viaA.answered.size()).as("A answers again").isGreaterThan(before);
                assertThat(Duration.ofNanos(slowestLiveness)).as("A's liveness").isLessThan(Duration.ofSeconds(1));

                Set<UUID> answered = new HashSet<>(viaA.answered);
                answered.addAll(viaB.answered);
                Set<UUID> recorded = new HashSet<>(db.jdbc().queryForList("SELECT evaluation_id FROM audit_record",
                        UUID.class));
                assertThat(recorded).as("every check answered 200 is recorded").containsAll(answered);
                Set<UUID> notReceived = new HashSet<>(recorded);
                notReceived.removeAll(answered);
                assertThat(new HashSet<>(db.jdbc().queryForList("SELECT evaluation_id FROM audit_undelivered",
                        UUID.class))).as("records no one received are marked undelivered").containsAll(notReceived);

                AuditVerifier.Verification v = db.verifier().verify();
                assertThat(v.valid()).as(String.valueOf(v.firstBroken())).isTrue();
                assertThat(v.records()).isEqualTo(recorded.size());
                assertThat(v.chains()).filteredOn(c -> c.records() > 0).hasSizeGreaterThanOrEqualTo(2);
            }
        }
    }

    private int status(ServiceProcess service, String path) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void awaitStatus(ServiceProcess service, String path, int status, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (status(service, path) != status) {
            assertThat(System.nanoTime()).as(path + " answers " + status + " in time; log: " + service.tail())
                    .isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}

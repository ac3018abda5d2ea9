package kz.qagida.audit;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Two service instances on one PostgreSQL, configured only by the standard {@code SPRING_DATASOURCE_*}
 * variables, start together (both run the migrations) and serve a burst at once: every answered
 * check is recorded once, the records of both interleave in the trail's global order, each instance
 * extends a chain of its own, and every chain verifies.
 */
class TwoInstanceTests {

    @TempDir
    Path dir;

    @Test
    void twoInstancesOnOnePostgresRecordEveryCheckOnceEachInAValidChainOfItsOwn() throws Exception {
        try (TestDatabase db = TestDatabase.postgresEmpty()) {
            Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", db.url, "SPRING_DATASOURCE_USERNAME", db.user,
                    "SPRING_DATASOURCE_PASSWORD", "");
            try (ServiceProcess a = ServiceProcess.start("instance-a", dir, env);
                    ServiceProcess b = ServiceProcess.start("instance-b", dir, env)) {
                a.awaitUp(Duration.ofSeconds(300));
                b.awaitUp(Duration.ofSeconds(300));
                Burst viaA = new Burst().start(List.of(a.uri("/api/v1/checks")), 6, 250);
                Burst viaB = new Burst().start(List.of(b.uri("/api/v1/checks")), 6, 250);
                viaA.awaitAnswers(250, Duration.ofSeconds(90));
                viaB.awaitAnswers(250, Duration.ofSeconds(90));
                viaA.stop();
                viaB.stop();
                assertThat(viaA.refused.get() + viaB.refused.get()).as("checks refused").isZero();

                Set<UUID> answered = new HashSet<>(viaA.answered);
                answered.addAll(viaB.answered);
                assertThat(answered).hasSize(viaA.answered.size() + viaB.answered.size()).hasSizeGreaterThanOrEqualTo(500);

                List<UUID> chain = db.jdbc().queryForList("SELECT evaluation_id FROM audit_record ORDER BY seq", UUID.class);
                assertThat(chain).as("no record lost or duplicated").containsExactlyInAnyOrderElementsOf(answered);
                int switches = 0;
                for (int i = 1; i < chain.size(); i++) {
                    if (viaA.answered.contains(chain.get(i)) != viaA.answered.contains(chain.get(i - 1))) {
                        switches++;
                    }
                }
                assertThat(switches).as("records of the two instances interleave in the trail").isGreaterThan(10);
                AuditVerifier.Verification v = db.verifier().verify();
                assertThat(v.valid()).as(String.valueOf(v.firstBroken())).isTrue();
                assertThat(v.records()).isEqualTo(answered.size());
                assertThat(v.chains()).filteredOn(c -> c.records() > 0).hasSize(2);
            }
        }
    }
}

package kz.qagida.ruleset.web;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import kz.qagida.ruleset.RulesetFollower;

/**
 * Readiness: DOWN when this instance has served a version other than the store's active one for
 * longer than {@code qagida.rules.diverged-limit} (30 s): it could not build the active version.
 * The details (versions and reason) show only to an authenticated caller.
 */
@Component("ruleset")
class RulesetHealth implements HealthIndicator {

    private final RulesetFollower follower;
    private final Clock clock;
    private final Duration limit;

    RulesetHealth(RulesetFollower follower, Clock clock, @Value("${qagida.rules.diverged-limit:PT30S}") Duration limit) {
        this.follower = follower;
        this.clock = clock;
        this.limit = limit;
    }

    @Override
    public Health health() {
        RulesetFollower.State s = follower.state();
        boolean stale = s.divergedSince() != null && s.divergedSince().plus(limit).isBefore(clock.instant());
        Health.Builder h = stale ? Health.down() : Health.up();
        h.withDetail("instance", s.instance());
        if (s.serving() != null) {
            h.withDetail("serving", s.serving());
        }
        if (s.active() != null) {
            h.withDetail("active", s.active());
        }
        if (s.divergedSince() != null) {
            h.withDetail("divergedSince", s.divergedSince().toString());
        }
        if (s.reason() != null) {
            h.withDetail("reason", s.reason());
        }
        return h.build();
    }
}

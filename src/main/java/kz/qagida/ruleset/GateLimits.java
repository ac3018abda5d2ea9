package kz.qagida.ruleset;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code qagida.gate.*}: the bounds of the process that runs the activation gate over a candidate
 * (compile, lint, scenarios): its heap ({@code max-heap}, the child's {@code -Xmx}), its wall-clock
 * time and its CPU time. Over either time the process tree is killed and the candidate refused.
 */
@ConfigurationProperties("qagida.gate")
public record GateLimits(DataSize maxHeap, Duration wallClock, Duration cpuTime) {

    public GateLimits {
        maxHeap = maxHeap == null ? DataSize.ofMegabytes(512) : maxHeap;
        wallClock = wallClock == null ? Duration.ofMinutes(5) : wallClock;
        cpuTime = cpuTime == null ? Duration.ofMinutes(3) : cpuTime;
    }

    public static GateLimits defaults() {
        return new GateLimits(null, null, null);
    }
}

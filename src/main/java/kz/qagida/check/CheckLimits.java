package kz.qagida.check;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * {@code qagida.checks.*}: the ceilings of one evaluation, beyond which the check is refused with 422
 * and nothing is recorded: how many rule firings ({@code max-firings}) and how large the answer's JSON
 * ({@code max-answer-size}).
 */
@ConfigurationProperties("qagida.checks")
public record CheckLimits(Integer maxFirings, DataSize maxAnswerSize) {

    public CheckLimits {
        maxFirings = maxFirings == null ? 20_000 : maxFirings;
        maxAnswerSize = maxAnswerSize == null ? DataSize.ofMegabytes(4) : maxAnswerSize;
    }

    public static CheckLimits defaults() {
        return new CheckLimits(null, null);
    }
}

package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void nextAttemptWhenNoJitterThenDoublesFromOneMinuteUpToTheCap() {
        RetryPolicy policy = RetryPolicy.DEFAULT;
        long[] expectedMinutes = {1, 2, 4, 8, 16, 32, 64, 120, 120};
        for (int attempt = 1; attempt <= expectedMinutes.length; attempt++) {
            assertThat(policy.nextAttempt(attempt, NOW, () -> 0.5))
                    .isEqualTo(NOW.plus(Duration.ofMinutes(expectedMinutes[attempt - 1])));
        }
    }

    @Test
    void nextAttemptWhenRandomAtExtremesThenWithinTwentyPercent() {
        assertThat(RetryPolicy.DEFAULT.nextAttempt(1, NOW, () -> 0.0)).isEqualTo(NOW.plusSeconds(48));
        assertThat(RetryPolicy.DEFAULT.nextAttempt(1, NOW, () -> 0.999_999))
                .isBetween(NOW.plusSeconds(71), NOW.plusSeconds(72));
    }

    @Test
    void shouldRetryWhenEighthAttemptFailedThenNoMore() {
        assertThat(RetryPolicy.DEFAULT.shouldRetry(7)).isTrue();
        assertThat(RetryPolicy.DEFAULT.shouldRetry(8)).isFalse();
    }

    @Test
    void constructWhenOutOfRangeThenRejected() {
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 2, 0.2, 8, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(1), 2, 1.0, 8, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(Duration.ofMinutes(1), 2, 0.2, 0, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

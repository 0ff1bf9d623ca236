package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The pause of the background dispatcher after failed passes (ASVS 16.5.2): doubling from the
 * interval, capped at 32 intervals or a minute, never below the interval. The database outage
 * itself is in portal-invite-jdbc's {@code DatabaseFaultContract}.
 */
class OutboxDispatcherBackoffTest {

    @Test
    void backoffWhenPassesFailInARowThenDoublesUpToTheCap() {
        long cap = DispatcherLoop.maxBackoff(Duration.ofMillis(10)).toMillis();

        assertThat(cap).isEqualTo(320);
        assertThat(DispatcherLoop.backoff(10, cap, 1)).isEqualTo(20);
        assertThat(DispatcherLoop.backoff(10, cap, 2)).isEqualTo(40);
        assertThat(DispatcherLoop.backoff(10, cap, 5)).isEqualTo(320);
        assertThat(DispatcherLoop.backoff(10, cap, 1_000)).isEqualTo(320);
    }

    @Test
    void maxBackoffWhenIntervalIsSecondsThenAMinuteAndNeverBelowTheInterval() {
        assertThat(DispatcherLoop.maxBackoff(Duration.ofSeconds(5))).isEqualTo(Duration.ofMinutes(1));
        assertThat(DispatcherLoop.maxBackoff(Duration.ofMinutes(5))).isEqualTo(Duration.ofMinutes(5));
        long cap = DispatcherLoop.maxBackoff(Duration.ofSeconds(5)).toMillis();
        assertThat(DispatcherLoop.backoff(5_000, cap, 1)).isEqualTo(10_000);
        assertThat(DispatcherLoop.backoff(5_000, cap, 4)).isEqualTo(60_000);
    }
}

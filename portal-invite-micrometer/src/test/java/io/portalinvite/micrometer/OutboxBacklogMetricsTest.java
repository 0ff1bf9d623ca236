package io.portalinvite.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portalinvite.delivery.OutboxStore.OutboxBacklog;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The backlog gauges read what the outbox reports, at most once per interval, and NaN when it cannot be read. */
class OutboxBacklogMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicBoolean failing = new AtomicBoolean();

    @Test
    void gaugesWhenMessagesWaitThenShowTheBacklogAndTheOldestDueAge() {
        InMemoryPortalStorage inMemory = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(inMemory);
        f.enablePortal();
        f.portal.invitations().invite(f.newPatient("p1").build());
        f.clock.advance(Duration.ofMinutes(5));
        OutboxBacklog expected = inMemory.outbox().backlog(f.clock.instant());
        new OutboxBacklogMetrics(counting(inMemory), f.clock, Duration.ofSeconds(10)).bindTo(registry);

        assertThat(gauge("pending")).isEqualTo(expected.pending()).isEqualTo(2);
        assertThat(gauge("due")).isEqualTo(expected.due()).isPositive();
        assertThat(gauge("failed")).isZero();
        assertThat(registry.get(OutboxBacklogMetrics.OLDEST_DUE).timeGauge().value(TimeUnit.SECONDS))
                .isEqualTo(300);
        assertThat(reads).as("one outbox query answered every gauge").hasValue(1);

        f.portal.dispatcher().drain();
        assertThat(gauge("pending"))
                .as("still the cached reading within the interval")
                .isEqualTo(2);
        f.clock.advance(Duration.ofSeconds(10));
        assertThat(gauge("pending")).isZero();
        assertThat(registry.get(OutboxBacklogMetrics.OLDEST_DUE).timeGauge().value(TimeUnit.SECONDS))
                .isZero();
        assertThat(reads).hasValue(2);
    }

    @Test
    void gaugesWhenOutboxCannotBeReadThenNaN() {
        PortalFixture f = new PortalFixture(new InMemoryPortalStorage());
        new OutboxBacklogMetrics(counting(f.storage), f.clock, Duration.ofSeconds(10)).bindTo(registry);
        failing.set(true);

        assertThat(gauge("pending")).isNaN();
        assertThat(registry.get(OutboxBacklogMetrics.OLDEST_DUE).timeGauge().value(TimeUnit.SECONDS))
                .isNaN();
    }

    private double gauge(String state) {
        return registry.get(OutboxBacklogMetrics.MESSAGES)
                .tag("state", state)
                .gauge()
                .value();
    }

    private PortalStorage counting(PortalStorage storage) {
        return StorageProxies.withOutbox(
                storage,
                outbox -> StorageProxies.onBacklog(outbox, () -> {
                    reads.incrementAndGet();
                    if (failing.get()) {
                        throw new IllegalStateException("connection refused to db.internal:5432 as admin");
                    }
                }));
    }
}

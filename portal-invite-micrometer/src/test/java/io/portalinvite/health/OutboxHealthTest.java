package io.portalinvite.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.micrometer.StorageProxies;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** UP with the backlog; DOWN when a due message waits too long or the outbox cannot be read, without leaking why in detail. */
class OutboxHealthTest {

    private final PortalFixture f = new PortalFixture(new InMemoryPortalStorage());

    @Test
    void checkWhenNothingOverdueThenUpWithTheBacklog() {
        f.enablePortal();
        f.portal.invitations().invite(f.newPatient("p1").build());
        OutboxHealth health = new OutboxHealth(f.storage, Duration.ofMinutes(15), f.clock);

        OutboxHealth.Report report = health.check();

        assertThat(report.up()).isTrue();
        assertThat(report.details()).containsEntry("pending", 2L).containsKey("oldestDue");
        assertThat(report.toString()).startsWith("UP {pending=2");
    }

    @Test
    void checkWhenDueMessageWaitsLongerThanAllowedThenDown() {
        f.enablePortal();
        f.portal.invitations().invite(f.newPatient("p1").build());
        OutboxHealth health = new OutboxHealth(f.storage, Duration.ofMinutes(15), f.clock);

        f.clock.advance(Duration.ofMinutes(16));
        assertThat(health.check().status()).isEqualTo(OutboxHealth.Status.DOWN);

        f.portal.dispatcher().drain();
        assertThat(health.check().up()).as("sent: nothing waits any more").isTrue();
    }

    @Test
    void checkWhenOutboxCannotBeReadThenDownNamingOnlyTheExceptionClass() {
        OutboxHealth health = new OutboxHealth(
                StorageProxies.withOutbox(
                        f.storage,
                        outbox -> StorageProxies.onBacklog(outbox, () -> {
                            throw new IllegalStateException("connection refused to db.internal:5432 as admin");
                        })),
                Duration.ofMinutes(15),
                f.clock);

        OutboxHealth.Report report = health.check();

        assertThat(report.status()).isEqualTo(OutboxHealth.Status.DOWN);
        assertThat(report.backlog()).isNull();
        assertThat(report.details()).containsOnlyKeys("error");
        assertThat(report.error()).isEqualTo("cannot read the outbox (IllegalStateException)");
    }
}

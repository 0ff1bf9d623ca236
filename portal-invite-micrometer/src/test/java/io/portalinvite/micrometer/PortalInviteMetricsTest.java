package io.portalinvite.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Events are counted by type and channel once committed; hashing is timed by operation. */
class PortalInviteMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void inviteAndDeliverThenCountedByTypeAndChannel() {
        PortalInviteMetrics metrics = new PortalInviteMetrics(registry);
        PortalFixture f = new PortalFixture(new InMemoryPortalStorage(), b -> b.listener(metrics));
        f.enablePortal();

        f.inviteAndDeliver(f.newPatient("p1").build());

        assertThat(count("InvitationCreated", "none")).isEqualTo(1);
        assertThat(count("MessageSent", "EMAIL")).isEqualTo(1);
        assertThat(count("MessageSent", "SMS")).isEqualTo(1);
    }

    @Test
    void inviteWhenTransactionRollsBackThenNotCounted() {
        PortalInviteMetrics metrics = new PortalInviteMetrics(registry);
        InMemoryPortalStorage storage = new InMemoryPortalStorage();
        PortalFixture f = new PortalFixture(storage, b -> b.listener(metrics));
        f.enablePortal();

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    f.portal.invitations().invite(f.newPatient("p1").build());
                    throw new IllegalStateException("host failure");
                }))
                .hasMessage("host failure");

        assertThat(registry.find(PortalInviteMetrics.METER).counters()).isEmpty();
    }

    @Test
    void eventsWhenRegistrySupplierHasNoneYetThenCountedOnlyOnceItHasOne() {
        AtomicReference<MeterRegistry> later = new AtomicReference<>();
        PortalInviteMetrics metrics = new PortalInviteMetrics(later::get);
        PortalFixture f = new PortalFixture(new InMemoryPortalStorage(), b -> b.listener(metrics));
        f.enablePortal();
        f.portal.invitations().invite(f.newPatient("p1").build());

        later.set(registry);
        f.portal.invitations().invite(f.newPatient("p2").build());

        assertThat(count("InvitationCreated", "none")).isEqualTo(1);
    }

    @Test
    void timedHasherWhenHashingAndVerifyingThenTimedPerOperationAndResultsUnchanged() {
        PortalInviteMetrics metrics = new PortalInviteMetrics(registry);
        TimedPasswordHasher hasher = metrics.timed(PortalFixture.fastHasher());

        String hash = hasher.hash(PortalFixture.GOOD_PASSWORD);
        boolean right = hasher.verify(hash, PortalFixture.GOOD_PASSWORD);
        boolean wrong = hasher.verify(hash, PortalFixture.GOOD_PASSWORD + "!");

        assertThat(right).isTrue();
        assertThat(wrong).isFalse();
        assertThat(hasher.needsRehash(hash))
                .isEqualTo(PortalFixture.fastHasher().needsRehash(hash));
        assertThat(registry.get(TimedPasswordHasher.METER)
                        .tag("operation", "hash")
                        .timer()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get(TimedPasswordHasher.METER)
                        .tag("operation", "verify")
                        .timer()
                        .count())
                .isEqualTo(2);
        assertThat(hasher.delegate()).isSameAs(PortalFixture.fastHasher());
    }

    private double count(String type, String channel) {
        return registry.get(PortalInviteMetrics.METER)
                .tag("type", type)
                .tag("channel", channel)
                .counter()
                .count();
    }
}

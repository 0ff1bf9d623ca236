package io.portalinvite.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.invitation.InviteRequest;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * In-transaction listeners hear of an event at once, inside the transaction that raises it (also
 * when it then rolls back); ordinary listeners only after it commits.
 */
class InTransactionListenerTest {

    private final List<PortalEvent> atOnce = new CopyOnWriteArrayList<>();
    private final PortalFixture fixture =
            new PortalFixture(new InMemoryPortalStorage(), builder -> builder.inTransactionListener(atOnce::add));

    @Test
    void inviteWhenTransactionCommitsThenInTransactionListenerFirstAndOrdinaryListenerAfterCommit() {
        fixture.enablePortal();
        fixture.storage.transactions().inTransaction(() -> {
            fixture.portal.invitations().invite(request("PT-1"));
            assertThat(atOnce).hasAtLeastOneElementOfType(PortalEvent.InvitationCreated.class);
            assertThat(fixture.events).noneMatch(PortalEvent.InvitationCreated.class::isInstance);
            return null;
        });
        assertThat(fixture.events).hasAtLeastOneElementOfType(PortalEvent.InvitationCreated.class);
    }

    @Test
    void inviteWhenTransactionRollsBackThenOnlyTheInTransactionListenerHeardOfIt() {
        fixture.enablePortal();
        assertThatThrownBy(() -> fixture.storage.transactions().inTransaction(() -> {
                    fixture.portal.invitations().invite(request("PT-2"));
                    throw new IllegalStateException("host save failed");
                }))
                .hasMessage("host save failed");
        assertThat(atOnce).hasAtLeastOneElementOfType(PortalEvent.InvitationCreated.class);
        assertThat(fixture.events).noneMatch(PortalEvent.InvitationCreated.class::isInstance);
    }

    @Test
    void inTransactionListenerThatThrowsThenTheInviteStillCommits() {
        PortalFixture failing = new PortalFixture(
                new InMemoryPortalStorage(),
                builder -> builder.inTransactionListener(e -> {
                    throw new IllegalStateException("listener broke");
                }));
        failing.enablePortal();
        failing.portal.invitations().invite(request("PT-3"));
        assertThat(failing.events).hasAtLeastOneElementOfType(PortalEvent.InvitationCreated.class);
    }

    private static InviteRequest request(String patientId) {
        return InviteRequest.newPatient(PortalFixture.PRACTICE.value(), PortalFixture.STAFF.value())
                .patientId(patientId)
                .name("Ada", "Lovelace")
                .dateOfBirth(LocalDate.of(1990, 5, 17))
                .email(patientId.toLowerCase(java.util.Locale.ROOT) + "@example.org")
                .build();
    }
}

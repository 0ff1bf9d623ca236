package io.portalinvite.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.portalinvite.common.RevocationReason;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle tells the logs and the listeners about a change only once it has committed: a host
 * transaction that rolls back an invite (a patient save that failed, say) leaves no "created" line
 * and no event, because nothing was created.
 */
class InvitationLifecycleTest {

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Logger lifecycleLog = (Logger) LoggerFactory.getLogger(InvitationLifecycle.class);
    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();
    private final PortalFixture f = new PortalFixture(storage);

    private Level levelBefore;

    @BeforeEach
    void capture() {
        // the test configuration logs WARN and up; the lines under test are INFO
        levelBefore = lifecycleLog.getLevel();
        lifecycleLog.setLevel(Level.INFO);
        appender.start();
        lifecycleLog.addAppender(appender);
        f.enablePortal();
        f.events.clear();
    }

    @AfterEach
    void release() {
        lifecycleLog.detachAppender(appender);
        lifecycleLog.setLevel(levelBefore);
    }

    @Test
    void inviteWhenHostTransactionRollsBackThenNoCreatedLineAndNoEvent() {
        for (int i = 0; i < 50; i++) {
            String patient = "p" + i;
            assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                        f.portal.invitations().invite(f.newPatient(patient).build());
                        throw new IllegalStateException("the host's patient save failed");
                    }))
                    .isInstanceOf(IllegalStateException.class);
        }

        assertThat(lines()).noneMatch(line -> line.contains("created"));
        assertThat(f.events).isEmpty();
        f.portal.invitations().invite(f.newPatient("p-committed").build());
        assertThat(lines())
                .as("the same line does appear once a transaction commits")
                .anyMatch(line -> line.contains("created"));
        assertThat(f.portal.invitations().history(PortalFixture.PRACTICE, io.portalinvite.common.PatientId.of("p0")))
                .isEmpty();
    }

    @Test
    void inviteWhenHostTransactionCommitsThenCreatedLineAndEventAfterwards() {
        boolean[] loggedInside = new boolean[1];
        Invitation invitation = storage.transactions().inTransaction(() -> {
            Invitation created = Objects.requireNonNull(
                    f.portal.invitations().invite(f.newPatient("p1").build()).invitation());
            loggedInside[0] = lines().stream().anyMatch(line -> line.contains("created"));
            return created;
        });

        assertThat(loggedInside[0]).as("nothing logged before the commit").isFalse();
        assertThat(lines()).anyMatch(line -> line.contains("invitation " + invitation.id() + " created"));
        assertThat(f.events).singleElement().isInstanceOf(PortalEvent.InvitationCreated.class);
    }

    @Test
    void revokeWhenTransactionRollsBackThenNoRevokedLineAndNoEvent() {
        Invitation invitation = Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient("p1").build()).invitation());
        f.events.clear();
        appender.list.clear();

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    f.portal.invitations().revoke(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF);
                    throw new IllegalStateException("rolled back");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(lines()).noneMatch(line -> line.contains("revoked"));
        assertThat(f.events).isEmpty();
        assertThat(f.portal
                        .invitations()
                        .find(PortalFixture.PRACTICE, invitation.id())
                        .orElseThrow()
                        .revocationReason())
                .isNotEqualTo(RevocationReason.STAFF);
    }

    private java.util.List<String> lines() {
        return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }
}

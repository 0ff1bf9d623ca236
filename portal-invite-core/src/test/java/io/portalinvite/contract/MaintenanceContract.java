package io.portalinvite.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.InvitationId;
import io.portalinvite.common.StaffId;
import io.portalinvite.delivery.DefaultMessageComposer;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.InvitationStore.PurgedDigest;
import io.portalinvite.invitation.RegistrationService.CompleteRegistration;
import io.portalinvite.maintenance.MaintenanceService.MaintenancePolicy;
import io.portalinvite.maintenance.MaintenanceService.MaintenanceReport;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.CapturingEmailSender;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.testing.Race;
import io.portalinvite.token.LinkToken;
import io.portalinvite.token.LinkToken.InvalidLinkException;
import io.portalinvite.token.TokenDigest;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The maintenance sweep on a storage implementation: expiry (audit, event, queued messages
 * cancelled), one reminder before expiry even with several nodes sweeping at once, digests of closed
 * invitations purged after retention while the rows stay, and bounded batches.
 */
public abstract class MaintenanceContract {

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    private PortalFixture fixture(MaintenancePolicy policy) {
        return new PortalFixture(newStorage(), b -> b.maintenancePolicy(policy));
    }

    private static Invitation invite(PortalFixture f, String patient) {
        return Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient(patient).build()).invitation());
    }

    @Test
    void sweepWhenLinkExpiredThenMarkedExpiredAuditedAnnouncedAndQueuedMessagesCancelled() {
        PortalFixture f = fixture(MaintenancePolicy.DEFAULT);
        f.enablePortal(b -> b.invitationLifetime(Duration.ofHours(24)));
        Invitation unsent = invite(f, "p1");
        Invitation sent = invite(f, "p2");
        f.portal.dispatcher().drain();
        Invitation queued = invite(f, "p3");
        f.clock.advance(Duration.ofHours(24));

        MaintenanceReport result = f.portal.maintenance().sweep();

        assertThat(result.expired()).isEqualTo(3);
        for (Invitation i : List.of(unsent, sent, queued)) {
            assertThat(f.storage.invitations().findById(i.id()))
                    .map(Invitation::status)
                    .contains(InvitationStatus.EXPIRED);
            assertThat(f.storage.audit().findByInvitation(i.id()))
                    .extracting(AuditEvent::action)
                    .containsOnlyOnce(AuditAction.INVITATION_EXPIRED);
            assertThat(f.events)
                    .anyMatch(e -> e instanceof PortalEvent.InvitationExpired x
                            && x.invitationId().equals(i.id()));
        }
        assertThat(f.storage.outbox().findBySubject(queued.id().value()))
                .extracting(OutboundMessage::status)
                .containsOnly(MessageStatus.CANCELLED);
        assertThat(f.portal.maintenance().sweep().expired()).isZero();
    }

    @Test
    void sweepWhenBatchesAreSmallThenEachCallIsBoundedAndTheNextCallContinues() {
        PortalFixture f = fixture(new MaintenancePolicy(2, 1, Duration.ofDays(30), Duration.ofDays(7)));
        f.enablePortal(b -> b.invitationLifetime(Duration.ofHours(24)));
        for (int i = 0; i < 5; i++) {
            invite(f, "p" + i);
        }
        f.clock.advance(Duration.ofDays(1));
        assertThat(f.portal.maintenance().expireDue()).isEqualTo(2);
        assertThat(f.portal.maintenance().expireDue()).isEqualTo(2);
        assertThat(f.portal.maintenance().expireDue()).isEqualTo(1);
        assertThat(f.portal.maintenance().expireDue()).isZero();
    }

    @Test
    void sweepWhenRemindersOffByDefaultThenNoReminder() {
        PortalFixture f = fixture(MaintenancePolicy.DEFAULT);
        f.enablePortal();
        invite(f, "p1");
        f.portal.dispatcher().drain();
        f.clock.advance(Duration.ofDays(6).plusHours(23));
        assertThat(f.portal.maintenance().sweep().reminded()).isZero();
    }

    @Test
    void sweepWhenInsideReminderWindowThenOneReminderWithTheSameWorkingLinkEvenWithConcurrentSweeps() {
        PortalFixture f = fixture(MaintenancePolicy.DEFAULT);
        f.enablePortal(b -> b.dateOfBirthCheck(false).reminderBefore(Duration.ofDays(2)));
        Invitation invitation = invite(f, "p1");
        invite(f, "p2");
        f.portal.dispatcher().drain();
        String original = CapturingEmailSender.tokenIn(f.email.sent().get(0));
        f.email.clear();

        f.clock.advance(Duration.ofDays(4));
        assertThat(f.portal.maintenance().sendReminders()).isZero();
        f.clock.advance(Duration.ofDays(1).plusMinutes(1));
        int total = 0;
        try (Race race = new Race(8)) {
            for (int round = 0; round < 3; round++) {
                total += race.run(i -> () -> f.portal.maintenance().sendReminders()).stream()
                        .mapToInt(o -> Objects.requireNonNull(o.value()))
                        .sum();
            }
        }
        assertThat(total).isEqualTo(2);
        assertThat(f.storage.outbox().findBySubject(invitation.id().value()))
                .filteredOn(m -> m.kind() == MessageKind.INVITATION_REMINDER_EMAIL)
                .hasSize(1);
        assertThat(f.storage.audit().findByInvitation(invitation.id()))
                .extracting(AuditEvent::action)
                .containsOnlyOnce(AuditAction.INVITATION_REMINDED);

        f.portal.dispatcher().drain();
        EmailMessage reminder = f.email.sent().stream()
                .filter(m -> CapturingEmailSender.tokenIn(m).equals(original))
                .findFirst()
                .orElseThrow();
        assertThat(reminder.subject()).isEqualTo(DefaultMessageComposer.REMINDER_SUBJECT);
        assertThat(f.storage
                        .invitations()
                        .findById(invitation.id())
                        .orElseThrow()
                        .expiresAt())
                .isEqualTo(invitation.expiresAt());
        f.portal
                .registration()
                .complete(new CompleteRegistration(
                        original, PortalFixture.GOOD_PASSWORD, PortalFixture.GOOD_PASSWORD, null));
        assertThat(f.portal.maintenance().sweep().reminded()).isZero();
    }

    @Test
    void sweepWhenResentAfterReminderThenTheNewLinkMayBeRemindedAgain() {
        PortalFixture f = fixture(MaintenancePolicy.DEFAULT);
        f.enablePortal(b -> b.reminderBefore(Duration.ofDays(2)));
        Invitation invitation = invite(f, "p1");
        f.portal.dispatcher().drain();
        f.clock.advance(Duration.ofDays(6));
        assertThat(f.portal.maintenance().sendReminders()).isEqualTo(1);
        f.portal.invitations().resend(PortalFixture.PRACTICE, invitation.id(), StaffId.of("staff-7"));
        f.portal.dispatcher().drain();
        assertThat(f.portal.maintenance().sendReminders()).isZero();
        f.clock.advance(Duration.ofDays(6));
        assertThat(f.portal.maintenance().sendReminders()).isEqualTo(1);
    }

    @Test
    void sweepWhenRetentionPassedThenClosedTokenDigestsPurgedRowsKeptAndLinksRefused() {
        PortalFixture f = fixture(new MaintenancePolicy(500, 100, Duration.ofDays(30), Duration.ofDays(7)));
        f.enablePortal(b -> b.invitationLifetime(Duration.ofHours(24)));
        Invitation expiring = invite(f, "p1");
        Invitation revoked = invite(f, "p2");
        Invitation open = invite(f, "p3");
        f.portal.dispatcher().drain();
        String expiringToken = tokenOf(f, expiring.id());
        String revokedToken = tokenOf(f, revoked.id());
        f.portal.invitations().revoke(PortalFixture.PRACTICE, revoked.id(), StaffId.of("staff-7"));
        f.clock.advance(Duration.ofDays(1));
        f.portal.maintenance().sweep();
        Invitation renewed = f.portal.invitations().resend(PortalFixture.PRACTICE, open.id(), StaffId.of("staff-7"));

        f.clock.advance(Duration.ofDays(29));
        assertThat(f.portal.maintenance().sweep().purgedTokenDigests()).isZero();
        f.clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(f.portal.maintenance().sweep().purgedTokenDigests()).isEqualTo(2);

        for (Invitation i : List.of(expiring, revoked)) {
            Invitation kept = f.storage.invitations().findById(i.id()).orElseThrow();
            assertThat(kept.status()).isIn(InvitationStatus.EXPIRED, InvitationStatus.REVOKED);
            assertThat(kept.tokenDigest()).isEqualTo(PurgedDigest.of(i.id())).isNotEqualTo(i.tokenDigest());
            assertThat(f.storage.invitations().findByTokenDigest(i.tokenDigest()))
                    .isEmpty();
        }
        for (String token : List.of(expiringToken, revokedToken)) {
            assertThat(f.storage
                            .invitations()
                            .findByTokenDigest(TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, token))))
                    .isEmpty();
            assertThatThrownBy(() -> f.portal.registration().preview(token)).isInstanceOf(InvalidLinkException.class);
        }
        // the resent invitation closed only when a later sweep expired its new link: its retention
        // counts from then
        assertThat(f.storage.invitations().findById(renewed.id()).orElseThrow().tokenDigest())
                .isEqualTo(renewed.tokenDigest());
        f.clock.advance(Duration.ofDays(30));
        assertThat(f.portal.maintenance().sweep().purgedTokenDigests()).isEqualTo(1);
        assertThat(f.storage.invitations().findById(renewed.id()).orElseThrow().tokenDigest())
                .isEqualTo(PurgedDigest.of(renewed.id()));
        assertThat(f.portal.maintenance().sweep().purgedTokenDigests()).isZero();
    }

    private static String tokenOf(PortalFixture f, InvitationId id) {
        Invitation invitation = f.storage.invitations().findById(id).orElseThrow();
        return f.email.sent().stream()
                .map(CapturingEmailSender::tokenIn)
                .filter(t -> TokenDigest.of(LinkToken.parse(LinkToken.Purpose.INVITATION, t))
                        .equals(invitation.tokenDigest()))
                .findFirst()
                .orElseThrow();
    }
}

package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.OutboxDispatcher;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The SMTP sender behind the real {@link OutboxDispatcher}: retries, permanent failures, batches. */
@Timeout(20)
class SmtpEmailSenderDispatchTest {

    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();
    private GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void dispatchWhenSmtpIsDownThenHandedBackUnattemptedAndDeliveredOnceWithTheOutboxMessageIdWhenItReturns()
            throws Exception {
        int port = SmtpTestMessages.unusedPort();
        try (SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(port).build())) {
            PortalFixture f = new PortalFixture(storage, b -> b.emailSender(sender));
            f.enablePortal();
            Invitation invitation = invite(f, "p1");

            f.portal.dispatcher().drain();
            OutboundMessage waiting = email(invitation);
            assertThat(waiting.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(waiting.attempts())
                    .as("connection refused is not an attempt")
                    .isZero();
            assertThat(waiting.claimId()).as("handed back at once").isNull();
            assertThat(waiting.lastError()).isNull();

            startGreenMail(port);
            f.clock.advance(Duration.ofSeconds(6)); // past the longest probe pause
            f.portal.dispatcher().drain();

            OutboundMessage sent = email(invitation);
            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(1);
            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            MimeMessage delivered = greenMail.getReceivedMessages()[0];
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(delivered.getMessageID())
                    .isEqualTo(waiting.internetMessageId())
                    .isEqualTo(sent.internetMessageId());
            assertThat(delivered.getRecipients(Message.RecipientType.TO))
                    .extracting(a -> ((InternetAddress) a).getAddress())
                    .containsExactly("ada.p1@example.org");
            assertThat(status(f, invitation)).isEqualTo(InvitationStatus.SENT);
        }
    }

    @Test
    void dispatchWhenSmtpStaysDownForSeveralProbesThenNoAttemptNoDeferredAuditAndDeliveredOnceWhenBack()
            throws Exception {
        int port = SmtpTestMessages.unusedPort();
        try (SmtpEmailSender sender =
                new SmtpEmailSender(SmtpTestMessages.plainTo(port).build())) {
            PortalFixture f = new PortalFixture(storage, b -> b.emailSender(sender));
            f.enablePortal();
            Invitation invitation = invite(f, "p1");

            for (int probe = 0; probe < 3; probe++) {
                f.portal.dispatcher().drain();
                f.clock.advance(Duration.ofSeconds(6));
            }
            assertThat(email(invitation).attempts()).isZero();
            assertThat(email(invitation).status()).isEqualTo(MessageStatus.PENDING);

            startGreenMail(port);
            f.clock.advance(Duration.ofSeconds(6));
            f.portal.dispatcher().drain();

            assertThat(email(invitation).status()).isEqualTo(MessageStatus.SENT);
            assertThat(email(invitation).attempts()).isEqualTo(1);
            assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
            assertThat(greenMail.getReceivedMessages()).hasSize(1);
            assertThat(trail(invitation))
                    .doesNotContain(AuditAction.DELIVERY_DEFERRED)
                    .contains(AuditAction.DELIVERY_SENT);
        }
    }

    @Test
    void dispatchWhenServerRejectsRecipientWith550ThenFailedAfterOneAttemptAndInvitationDeliveryFailed() {
        try (SmtpScriptedServer server = SmtpScriptedServer.plain()
                        .rcptReply(address -> "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(server.port()).build())) {
            PortalFixture f = new PortalFixture(storage, b -> b.emailSender(sender));
            f.enablePortal();
            Invitation invitation = invite(f, "p1");

            f.portal.dispatcher().drain();
            f.clock.advance(Duration.ofHours(3));
            f.portal.dispatcher().drain();

            OutboundMessage email = email(invitation);
            assertThat(email.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(email.attempts()).isEqualTo(1);
            assertThat(email.lastError()).contains("550").contains("User unknown");
            assertThat(status(f, invitation)).isEqualTo(InvitationStatus.DELIVERY_FAILED);
            assertThat(message(invitation, MessageKind.INVITATION_SMS_NOTICE).status())
                    .as("no notice for an email that will never arrive")
                    .isEqualTo(MessageStatus.CANCELLED);
            assertThat(server.connections()).isEqualTo(1);
            assertThat(server.messages()).isEmpty();
        }
    }

    @Test
    void dispatchWhenOnePassSendsSeveralEmailsThenOneSmtpConnectionClosedAtTheEndOfTheBatch() throws Exception {
        startGreenMail(0);
        try (SmtpCountingProxy proxy = new SmtpCountingProxy(greenMail.getSmtp().getPort());
                SmtpEmailSender sender = new SmtpEmailSender(
                        SmtpTestMessages.plainTo(proxy.port()).build())) {
            PortalFixture f = new PortalFixture(storage, b -> b.emailSender(sender));
            f.enablePortal();
            for (int i = 1; i <= 5; i++) {
                invite(f, "p" + i);
            }

            f.portal.dispatcher().drain();

            assertThat(greenMail.waitForIncomingEmail(5_000, 5)).isTrue();
            assertThat(greenMail.getReceivedMessages()).hasSize(5);
            assertThat(proxy.accepted()).isEqualTo(1);
            assertThat(sender.openConnections())
                    .as("the dispatcher's batchFinished closed it")
                    .isZero();
            proxy.awaitOpen(0);
        }
    }

    private void startGreenMail(int port) {
        greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    private static Invitation invite(PortalFixture f, String patient) {
        return Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient(patient).build()).invitation());
    }

    private OutboundMessage email(Invitation invitation) {
        return message(invitation, MessageKind.INVITATION_EMAIL);
    }

    private OutboundMessage message(Invitation invitation, MessageKind kind) {
        List<OutboundMessage> all = storage
                .outbox()
                .findBySubject(invitation.id().value())
                .stream()
                .filter(m -> m.kind() == kind)
                .toList();
        return all.get(all.size() - 1);
    }

    private static InvitationStatus status(PortalFixture f, Invitation invitation) {
        return f.portal
                .invitations()
                .find(PortalFixture.PRACTICE, invitation.id())
                .orElseThrow()
                .status();
    }

    private List<AuditAction> trail(Invitation invitation) {
        return storage.audit().findByInvitation(invitation.id()).stream()
                .map(AuditEvent::action)
                .toList();
    }
}

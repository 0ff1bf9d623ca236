package io.portalinvite.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SMTP relay and the SMS provider failing for a while in every way a network fails — refusing,
 * cutting the session in the middle of a message, losing the acceptance, answering too slowly,
 * answering slowly but in time — behind the real dispatcher (checklist L1.3, L1.4, L1.6,
 * H3, H5, H6, H7; ASVS 13.1.3, 16.5.2). After recovery every message is delivered; the only
 * duplicates are the documented at-least-once ones (a message whose acceptance was lost), and they
 * carry the same Message-ID and the same link. The single-failure cases are in
 * {@code SmtpEmailSenderFailureTest}, {@code SmtpEmailSenderDispatchTest} and
 * {@code TwilioSmsSenderTest}; this test strings them into one outage.
 */
@Timeout(120)
class SmtpOutageTest {

    private static final int INVITATIONS = 4;

    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();
    private GreenMail greenMail;

    @AfterEach
    void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }

    @Test
    void dispatchWhenSmtpRefusesCutsLosesAndStallsThenEveryEmailDeliveredAndDuplicatesShareTheMessageId()
            throws Exception {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        try (SmtpCountingProxy relay = new SmtpCountingProxy(greenMail.getSmtp().getPort());
                SmtpEmailSender sender = new SmtpEmailSender(SmtpTestMessages.plainTo(relay.port())
                        .readTimeout(Duration.ofMillis(800))
                        .build())) {
            PortalFixture f =
                    new PortalFixture(storage, b -> b.emailSender(sender).smsSender(null));
            f.enablePortal();
            List<Invitation> invitations = invite(f);
            List<String> failures = new ArrayList<>();

            for (SmtpCountingProxy.Fault fault : List.of(
                    SmtpCountingProxy.Fault.REFUSE,
                    SmtpCountingProxy.Fault.DROP_IN_MESSAGE,
                    SmtpCountingProxy.Fault.DROP_AFTER_ACCEPT,
                    SmtpCountingProxy.Fault.SLOW)) {
                relay.fault(fault);
                relay.delay(Duration.ofMillis(1_500)); // beyond the 800 ms read timeout
                retryAllDue(f, invitations);
                assertThat(emails(f, invitations))
                        .as("after %s", fault)
                        .allMatch(m -> m.status() == MessageStatus.PENDING);
                failures.add(fault + ": " + emails(f, invitations).get(0).lastError());
            }
            relay.fault(SmtpCountingProxy.Fault.SLOW);
            relay.delay(Duration.ofMillis(100)); // slow, but within the timeout
            retryAllDue(f, invitations);

            List<OutboundMessage> outbox = emails(f, invitations);
            assertThat(outbox).allMatch(m -> m.status() == MessageStatus.SENT);
            // a refused connection and a server too slow to greet are unreachable, no attempt; the two
            // faults in the middle of a message and the last send were attempts
            assertThat(outbox).allMatch(m -> m.attempts() == 3);
            MimeMessage[] received = greenMail.getReceivedMessages();
            Map<String, List<MimeMessage>> byId =
                    Arrays.stream(received).collect(Collectors.groupingBy(SmtpOutageTest::messageId));
            assertThat(byId.keySet())
                    .as("every email arrived, under its outbox Message-ID")
                    .containsExactlyInAnyOrderElementsOf(outbox.stream()
                            .map(OutboundMessage::internetMessageId)
                            .toList());
            assertThat(byId.values())
                    .as("one copy, plus one for the acceptance that was lost")
                    .allSatisfy(copies -> assertThat(copies).hasSize(2));
            for (List<MimeMessage> copies : byId.values()) {
                assertThat(body(copies.get(0))).isEqualTo(body(copies.get(1)));
            }
            System.out.println("OUTAGE smtp: " + failures + "; delivered " + byId.size() + " emails, " + received.length
                    + " copies");
        }
    }

    private static List<Invitation> invite(PortalFixture f) {
        List<Invitation> out = new ArrayList<>();
        for (int i = 0; i < INVITATIONS; i++) {
            out.add(Objects.requireNonNull(
                    f.portal.invitations().invite(f.newPatient("p" + i).build()).invitation()));
        }
        return out;
    }

    /** Moves the clock to the latest next attempt of the pending emails and runs the dispatcher. */
    private static void retryAllDue(PortalFixture f, List<Invitation> invitations) {
        emails(f, invitations).stream()
                .filter(m -> m.status() == MessageStatus.PENDING)
                .map(OutboundMessage::nextAttemptAt)
                .max(java.util.Comparator.naturalOrder())
                .filter(next -> next.isAfter(f.clock.instant())) // handed-back messages are due already
                .ifPresent(f.clock::set);
        f.clock.advance(Duration.ofSeconds(6)); // past the probe pause after a refused connection
        f.portal.dispatcher().drain();
    }

    private static List<OutboundMessage> emails(PortalFixture f, List<Invitation> invitations) {
        return messages(f, invitations, MessageKind.INVITATION_EMAIL);
    }

    private static List<OutboundMessage> notices(PortalFixture f, List<Invitation> invitations) {
        return messages(f, invitations, MessageKind.INVITATION_SMS_NOTICE);
    }

    private static List<OutboundMessage> messages(PortalFixture f, List<Invitation> invitations, MessageKind kind) {
        Function<Invitation, OutboundMessage> of =
                i -> f.portal.invitations().deliveries(PortalFixture.PRACTICE, i.id()).stream()
                        .filter(m -> m.kind() == kind)
                        .findFirst()
                        .orElseThrow();
        return invitations.stream().map(of).toList();
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String body(MimeMessage m) {
        try {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            m.writeTo(out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8)
                    .replaceAll("(?m)^(Received|Return-Path|Date):.*$", "")
                    .replaceAll("----=_Part_[0-9_.]+", "BOUNDARY");
        } catch (java.io.IOException | jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}

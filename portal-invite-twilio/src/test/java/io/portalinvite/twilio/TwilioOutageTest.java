package io.portalinvite.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.delivery.OutboundMessage;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.MutableClock;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
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
class TwilioOutageTest {

    private static final int INVITATIONS = 4;

    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();

    @Test
    void dispatchWhenSmsProviderFailsStallsAndCutsAnswersThenEveryNoticeSentAndEmailsUnaffected() throws Exception {
        try (FakeTwilioServer twilio = new FakeTwilioServer()) {
            MutableClock clock = new MutableClock(PortalFixture.START);
            TwilioSmsSender sms = new TwilioSmsSender(
                    TwilioSettings.builder()
                            .accountSid(TwilioSmsSenderTest.ACCOUNT)
                            .authToken(TwilioSmsSenderTest.TOKEN)
                            .from(TwilioSmsSenderTest.FROM)
                            .baseUrl(twilio.baseUrl())
                            .requestTimeout(Duration.ofMillis(500))
                            .build(),
                    clock);
            PortalFixture f = new PortalFixture(storage, b -> b.clock(clock).smsSender(sms));
            f.enablePortal();
            List<Invitation> invitations = invite(f);

            // one outage: every notice meets each failure once, in this order
            for (int i = 0; i < INVITATIONS; i++) {
                twilio.error(503, 20503, "Service Unavailable");
            }
            for (int i = 0; i < INVITATIONS; i++) {
                twilio.error(500, 20500, "Internal Server Error");
            }
            for (int i = 0; i < INVITATIONS; i++) {
                twilio.hang(); // request received, never answered: Twilio may have sent it
            }
            for (int i = 0; i < INVITATIONS; i++) {
                twilio.stallBody(); // answer cut off halfway
            }
            f.portal.dispatcher().drain();
            assertThat(f.email.sent())
                    .as("emails go out whatever the SMS provider does")
                    .hasSize(INVITATIONS);
            for (int round = 0;
                    round < 10 && notices(f, invitations).stream().anyMatch(m -> m.status() == MessageStatus.PENDING);
                    round++) {
                // SMS notices wait for their email, then for each retry
                clock.set(notices(f, invitations).stream()
                        .map(OutboundMessage::nextAttemptAt)
                        .max(java.util.Comparator.naturalOrder())
                        .orElseThrow());
                f.portal.dispatcher().drain();
            }

            assertThat(notices(f, invitations)).allMatch(m -> m.status() == MessageStatus.SENT && m.attempts() == 5);
            Map<String, List<FakeTwilioServer.Received>> byRecipient = twilio.received().stream()
                    .collect(Collectors.groupingBy(r -> r.form().get("To")));
            assertThat(byRecipient).hasSize(1); // every fixture invitee has the same mobile
            assertThat(twilio.received())
                    .hasSize(5 * INVITATIONS)
                    .extracting(r -> r.form().get("Body"))
                    .containsOnly(twilio.received().get(0).form().get("Body"));
            assertThat(f.email.sent()).hasSize(INVITATIONS);
            System.out.println("OUTAGE sms: 4 failures per notice (503, 500, no answer, cut answer), " + INVITATIONS
                    + " notices sent on the 5th attempt, " + twilio.received().size() + " requests");
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
                .ifPresent(f.clock::set);
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
}

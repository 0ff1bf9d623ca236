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
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The Twilio adapter behind the real dispatcher: what the outbox records for each answer. */
class TwilioSmsSenderDispatchTest {

    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void providerRetryAfterOutranksTheDefaultBackoffThenTheNoticeIsSent() throws Exception {
        try (FakeTwilioServer twilio = new FakeTwilioServer()) {
            // the portal and the sender share one clock, as a host wires them
            MutableClock clock = new MutableClock(PortalFixture.START);
            TwilioSmsSender sender = new TwilioSmsSender(
                    TwilioSettings.builder()
                            .accountSid(TwilioSmsSenderTest.ACCOUNT)
                            .authToken(TwilioSmsSenderTest.TOKEN)
                            .from(TwilioSmsSenderTest.FROM)
                            .baseUrl(twilio.baseUrl())
                            .build(),
                    clock);
            PortalFixture f = new PortalFixture(storage, b -> b.clock(clock).smsSender(sender));
            List<Instant> attempts = new CopyOnWriteArrayList<>();
            twilio.onRequest(() -> attempts.add(clock.instant()));
            twilio.error(429, 20429, "Too Many Requests", "Retry-After", "300");
            f.enablePortal();
            Invitation invitation = Objects.requireNonNull(
                    f.portal.invitations().invite(f.newPatient("p1").build()).invitation());

            f.portal.dispatcher().drain();
            clock.advance(Duration.ofSeconds(31)); // an SMS notice may wait up to 30 s for its email
            f.portal.dispatcher().drain();

            assertThat(twilio.received()).hasSize(1);
            OutboundMessage deferred = sms(invitation);
            Instant firstAttempt = attempts.get(0);
            assertThat(deferred.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(deferred.attempts()).isEqualTo(1);
            assertThat(deferred.nextAttemptAt())
                    .as("Twilio's 300 s, not the dispatcher's 1-minute backoff")
                    .isAfterOrEqualTo(firstAttempt.plusSeconds(300))
                    .isBefore(firstAttempt.plusSeconds(360));
            assertThat(deferred.lastError())
                    .contains("429")
                    .doesNotContain("412345678")
                    .doesNotContain("Please check your inbox");

            clock.set(deferred.nextAttemptAt().minusSeconds(1));
            f.portal.dispatcher().drain();
            assertThat(twilio.received())
                    .as("nothing is sent before the provider's time")
                    .hasSize(1);

            clock.set(deferred.nextAttemptAt());
            f.portal.dispatcher().drain();

            assertThat(twilio.received()).hasSize(2);
            OutboundMessage sent = sms(invitation);
            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.attempts()).isEqualTo(2);
            assertThat(twilio.received().get(1).form())
                    .isEqualTo(twilio.received().get(0).form());
            assertThat(twilio.received().get(1).form().get("To")).isEqualTo("+61412345678");
        }
    }

    private OutboundMessage sms(Invitation invitation) {
        return storage.outbox().findBySubject(invitation.id().value()).stream()
                .filter(m -> m.kind() == MessageKind.INVITATION_SMS_NOTICE)
                .reduce((first, second) -> second)
                .orElseThrow();
    }
}

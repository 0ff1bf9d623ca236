package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.delivery.EmailSender.EmailMessage;
import io.portalinvite.delivery.MessageComposer.InvitationContent;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.SmsSender.SmsMessage;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.party.EmailAddress;
import io.portalinvite.settings.PortalSettings;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import io.portalinvite.token.LinkToken;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Failures that are not a delivery attempt never count as one, and a long batch keeps its claims:
 * composing that fails on the database or on a template, a transport that cannot be reached, and
 * leases renewed while a send takes longer than the lease.
 */
@Timeout(60)
class OutboxDispatcherOutageTest {

    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();

    @Test
    void composeWhenDatabaseFailsThenPassEndsNoAttemptCountedAndMessagesHandedBack() {
        AtomicInteger failures = new AtomicInteger(1);
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.smsSender(null)
                        .messageComposer(failingComposer(
                                failures,
                                () -> new IllegalStateException(
                                        "find template failed",
                                        new java.sql.SQLTransientConnectionException("08006 connection lost")))));
        f.enablePortal();
        Invitation first = invite(f, "p1");
        Invitation second = invite(f, "p2");

        assertThatThrownBy(() -> f.portal.dispatcher().drain()).hasMessageContaining("find template failed");

        for (Invitation i : List.of(first, second)) {
            OutboundMessage email = email(f, i);
            assertThat(email.status()).isEqualTo(MessageStatus.PENDING);
            assertThat(email.attempts())
                    .as("a database error is no delivery attempt")
                    .isZero();
            assertThat(email.claimId()).as("handed back, not left to lapse").isNull();
        }
        assertThat(trail(f, first)).doesNotContain(AuditAction.DELIVERY_DEFERRED);

        assertThat(f.portal.dispatcher().drain()).isEqualTo(2);
        assertThat(f.email.sent()).hasSize(2);
        assertThat(email(f, first).attempts()).isEqualTo(1);
    }

    @Test
    void composeWhenTemplateFailsThenPutBackForLaterWithoutAnAttempt() {
        AtomicInteger failures = new AtomicInteger(1);
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.smsSender(null)
                        .messageComposer(failingComposer(
                                failures, () -> new IllegalStateException("template has an unclosed section"))));
        f.enablePortal();
        Invitation invitation = invite(f, "p1");

        f.portal.dispatcher().drain();

        OutboundMessage email = email(f, invitation);
        assertThat(email.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(email.attempts()).isZero();
        assertThat(email.lastError()).contains("unclosed section");
        assertThat(email.nextAttemptAt()).isAfter(f.clock.instant());
        assertThat(trail(f, invitation)).doesNotContain(AuditAction.DELIVERY_DEFERRED);

        f.clock.set(email.nextAttemptAt());
        f.portal.dispatcher().drain();
        assertThat(email(f, invitation).status()).isEqualTo(MessageStatus.SENT);
        assertThat(email(f, invitation).attempts()).isEqualTo(1);
    }

    @Test
    void sendWhenTransportUnreachableThenBatchStopsAtFirstFailureAndNothingCounted() {
        AtomicInteger calls = new AtomicInteger();
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.smsSender(null).emailSender(m -> {
                    calls.incrementAndGet();
                    throw DeliveryException.unreachable("could not connect to SMTP server: connection refused", null);
                }));
        f.enablePortal();
        List<Invitation> invitations = List.of(invite(f, "p1"), invite(f, "p2"), invite(f, "p3"));

        assertThat(f.portal.dispatcher().drain()).isZero();
        f.clock.advance(Duration.ofMillis(500)); // before the first probe
        assertThat(f.portal.dispatcher().drain()).isZero();

        assertThat(calls.get()).as("one try, the rest of the batch handed back").isEqualTo(1);
        for (Invitation i : invitations) {
            assertThat(email(f, i).attempts()).isZero();
            assertThat(email(f, i).claimId()).isNull();
            assertThat(email(f, i).lastError()).isNull();
            assertThat(trail(f, i)).doesNotContain(AuditAction.DELIVERY_DEFERRED);
        }
        f.clock.advance(Duration.ofSeconds(1)); // the probe is due
        f.portal.dispatcher().drain();
        assertThat(calls.get()).isEqualTo(2);
    }

    @Test
    void sendWhenItTakesLongerThanTheLeaseThenLeaseRenewedAndNobodyElseClaimsTheMessage() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.smsSender(null)
                        .clock(Clock.systemUTC())
                        .dispatcherLease(Duration.ofMillis(300))
                        .emailSender(m -> {
                            sending.countDown();
                            try {
                                release.await(10, TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }));
        f.enablePortal();
        Invitation invitation = invite(f, "p1");
        AtomicReference<Integer> handled = new AtomicReference<>();
        Thread dispatcher = new Thread(() -> handled.set(f.portal.dispatcher().dispatchOnce()));
        dispatcher.start();
        assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();

        Thread.sleep(1_000); // more than three leases
        List<OutboundMessage> stolen = storage.transactions()
                .inTransaction(() -> storage.outbox()
                        .claimDue(
                                Clock.systemUTC().instant(),
                                10,
                                "other-node",
                                Clock.systemUTC().instant().plusSeconds(30)));
        release.countDown();
        dispatcher.join(10_000);

        assertThat(stolen).as("the renewed claim still holds the message").isEmpty();
        assertThat(handled.get()).isEqualTo(1);
        OutboundMessage email = email(f, invitation);
        assertThat(email.status()).isEqualTo(MessageStatus.SENT);
        assertThat(email.attempts()).isEqualTo(1);
    }

    private MessageComposer failingComposer(
            AtomicInteger failures, java.util.function.Supplier<RuntimeException> failure) {
        DefaultMessageComposer real = new DefaultMessageComposer(new MessageTemplates(storage.templates()));
        return new MessageComposer() {
            @Override
            public EmailMessage invitationEmail(
                    OutboundMessage message,
                    InvitationContent invitation,
                    PortalSettings settings,
                    LinkToken token,
                    EmailAddress defaultFrom) {
                if (failures.getAndDecrement() > 0) {
                    throw failure.get();
                }
                return real.invitationEmail(message, invitation, settings, token, defaultFrom);
            }

            @Override
            public SmsMessage smsNotice(OutboundMessage message, PortalSettings settings) {
                return real.smsNotice(message, settings);
            }
        };
    }

    private static Invitation invite(PortalFixture f, String patient) {
        return Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient(patient).build()).invitation());
    }

    private static OutboundMessage email(PortalFixture f, Invitation invitation) {
        return f.portal.invitations().deliveries(PortalFixture.PRACTICE, invitation.id()).stream()
                .filter(m -> m.kind() == MessageKind.INVITATION_EMAIL)
                .findFirst()
                .orElseThrow();
    }

    private List<AuditAction> trail(PortalFixture f, Invitation invitation) {
        return storage.audit().findByInvitation(invitation.id()).stream()
                .map(io.portalinvite.audit.AuditEvent::action)
                .toList();
    }
}

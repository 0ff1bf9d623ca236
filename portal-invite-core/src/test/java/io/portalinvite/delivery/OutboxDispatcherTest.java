package io.portalinvite.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.portalinvite.audit.AuditAction;
import io.portalinvite.audit.AuditEvent;
import io.portalinvite.common.Channel;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.event.PortalEvent;
import io.portalinvite.invitation.Invitation;
import io.portalinvite.invitation.Invitation.InvitationStatus;
import io.portalinvite.invitation.InviteResult;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.testing.PortalFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxDispatcherTest {

    private final InMemoryPortalStorage storage = new InMemoryPortalStorage();

    @Test
    void dispatchWhenSmtpFailsTransientlyThenRetriedWithBackoffAndSameMessageId() {
        List<String> attempts = new CopyOnWriteArrayList<>();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.emailSender(m -> {
                    attempts.add(m.internetMessageId());
                    if (failuresLeft.getAndDecrement() > 0) {
                        throw new DeliveryException("421 try again later", false);
                    }
                }));
        f.enablePortal();
        Invitation invitation = invite(f, "p1");

        f.portal.dispatcher().drain();
        OutboundMessage email = email(invitation);
        assertThat(email.status()).isEqualTo(MessageStatus.PENDING);
        assertThat(email.attempts()).isEqualTo(1);
        assertThat(email.lastError()).contains("421");
        assertThat(email.nextAttemptAt())
                .isBetween(f.clock.instant().plusSeconds(48), f.clock.instant().plusSeconds(72));
        assertThat(sms(invitation).attempts())
                .as("the SMS notice waits for its email")
                .isZero();

        f.clock.set(email.nextAttemptAt());
        f.portal.dispatcher().drain();
        OutboundMessage second = email(invitation);
        assertThat(second.attempts()).isEqualTo(2);
        assertThat(Duration.between(f.clock.instant(), second.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(96), Duration.ofSeconds(144));

        f.clock.set(second.nextAttemptAt());
        f.portal.dispatcher().drain();
        f.clock.advance(Duration.ofMinutes(1));
        f.portal.dispatcher().drain();

        assertThat(email(invitation).status()).isEqualTo(MessageStatus.SENT);
        assertThat(attempts).hasSize(3).containsOnly(email.internetMessageId());
        assertThat(sms(invitation).status()).isEqualTo(MessageStatus.SENT);
        assertThat(f.sms.sent()).hasSize(1);
        assertThat(status(f, invitation)).isEqualTo(InvitationStatus.SENT);
        assertThat(trail(invitation))
                .containsSubsequence(
                        AuditAction.DELIVERY_DEFERRED, AuditAction.DELIVERY_DEFERRED, AuditAction.DELIVERY_SENT);
    }

    @Test
    void dispatchWhenEveryAttemptFailsThenFailedVisibleOnInvitationAndResendRecovers() {
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        Invitation invitation = invite(f, "p1");
        f.email.failNext(RetryPolicy.DEFAULT.maxAttempts(), false);

        for (int i = 0; i < RetryPolicy.DEFAULT.maxAttempts(); i++) {
            f.portal.dispatcher().drain();
            f.clock.advance(Duration.ofHours(3));
        }

        OutboundMessage email = email(invitation);
        assertThat(email.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(email.attempts()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(email.lastError()).contains("simulated SMTP failure");
        assertThat(sms(invitation).status())
                .as("no notice for an email that never went")
                .isEqualTo(MessageStatus.CANCELLED);
        assertThat(f.sms.sent()).isEmpty();
        assertThat(status(f, invitation)).isEqualTo(InvitationStatus.DELIVERY_FAILED);
        assertThat(f.events)
                .filteredOn(e -> e instanceof PortalEvent.MessageFailed)
                .singleElement()
                .satisfies(e ->
                        assertThat(((PortalEvent.MessageFailed) e).channel()).isEqualTo(Channel.EMAIL));
        assertThat(trail(invitation)).contains(AuditAction.DELIVERY_FAILED);

        f.portal.invitations().resend(PortalFixture.PRACTICE, invitation.id(), PortalFixture.STAFF);
        f.portal.dispatcher().drain();
        f.portal.dispatcher().drain();
        assertThat(status(f, invitation)).isEqualTo(InvitationStatus.SENT);
        assertThat(f.email.sent()).hasSize(1);
    }

    @Test
    void dispatchWhenTheProviderAnswersWithLineBreaksThenTheRecordedAndLoggedErrorHasNone() {
        // a receiving server's reply ends up in the error text, the log line and the staff screen
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.emailSender(m -> {
                    throw new DeliveryException(
                            "550 no\r\n2026-12-04T17:30:00Z INFO FORGED\u0085NEL\u2028LS\u2029PS\u000BVT", true);
                }));
        f.enablePortal();
        Invitation invitation = invite(f, "p1");

        f.portal.dispatcher().drain();

        assertThat(email(invitation).lastError())
                .contains("550 no", "FORGED")
                .doesNotContain("\r", "\n", "\u0085", "\u2028", "\u2029", "\u000B");
    }

    @Test
    void dispatchWhenFailureIsPermanentThenNoRetry() {
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        Invitation invitation = invite(f, "p1");
        f.email.failNext(1, true);

        f.portal.dispatcher().drain();

        assertThat(email(invitation).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(email(invitation).attempts()).isEqualTo(1);
        assertThat(status(f, invitation)).isEqualTo(InvitationStatus.DELIVERY_FAILED);
    }

    @Test
    void dispatchWhenSmsProviderRejectsThenSmsFailedButInvitationStaysSent() {
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        Invitation invitation = invite(f, "p1");
        f.sms.failNext(1, true);

        f.portal.dispatcher().drain();

        assertThat(sms(invitation).status()).isEqualTo(MessageStatus.FAILED);
        assertThat(status(f, invitation)).isEqualTo(InvitationStatus.SENT);
        assertThat(f.events).anyMatch(e -> e instanceof PortalEvent.MessageFailed m && m.channel() == Channel.SMS);
    }

    @Test
    void dispatchWhenAClaimingNodeDiedThenMessagesSentAfterItsLeaseLapses() {
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        Invitation invitation = invite(f, "p1");
        Instant now = f.clock.instant();
        List<OutboundMessage> stolen = storage.transactions()
                .inTransaction(() -> storage.outbox().claimDue(now, 10, "dead-node", now.plus(Duration.ofMinutes(2))));
        assertThat(stolen).hasSize(2);

        assertThat(f.portal.dispatcher().drain())
                .as("claims of the dead node still hold")
                .isZero();
        f.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
        f.portal.dispatcher().drain();

        assertThat(email(invitation).status()).isEqualTo(MessageStatus.SENT);
        assertThat(f.email.sent()).hasSize(1);
        assertThat(storage.outbox().complete(stolen.get(0).sent(now), "dead-node"))
                .as("the dead node's late result is ignored")
                .isFalse();
    }

    @Test
    void inviteWhenNoSmsSenderConfiguredThenEmailOnlyWithNotice() {
        PortalFixture f = new PortalFixture(storage, b -> b.smsSender(null));
        f.enablePortal();

        InviteResult result = f.portal.invitations().invite(f.newPatient("p1").build());

        assertThat(Objects.requireNonNull(result.invitation()).channels()).containsExactly(Channel.EMAIL);
        assertThat(result.notices()).anyMatch(n -> n.contains("no SMS provider"));
    }

    @Test
    void dispatchWhenThreeDispatchersRunTogetherThenEveryMessageSentExactlyOnce() throws Exception {
        Map<String, AtomicInteger> sends = new ConcurrentHashMap<>();
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.dispatcherBatchSize(7)
                        .emailSender(m -> sends.computeIfAbsent(m.internetMessageId(), k -> new AtomicInteger())
                                .incrementAndGet()));
        f.enablePortal();
        for (int i = 0; i < 300; i++) {
            f.portal.invitations().invite(f.newPatient("p" + i).mobile(null).build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Integer>> handled = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                handled.add(pool.submit(() -> f.portal.dispatcher().drain()));
            }
            int total = 0;
            for (Future<Integer> h : handled) {
                total += h.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(300);
        } finally {
            pool.shutdownNow();
        }
        assertThat(sends).hasSize(300);
        assertThat(sends.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    }

    @Test
    void startWhenRunningInBackgroundThenDeliversAndStopsOnClose() throws Exception {
        PortalFixture f = new PortalFixture(storage);
        f.enablePortal();
        invite(f, "p1");

        f.portal.dispatcher().start(Duration.ofMillis(20));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (f.sms.sent().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
        } finally {
            f.portal.close();
        }
        assertThat(f.email.sent()).hasSize(1);
        assertThat(f.sms.sent()).hasSize(1);
    }

    @Test
    void startWhenASenderThrowsAnErrorThenTheBackgroundDispatcherKeepsGoing() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        List<String> delivered = new CopyOnWriteArrayList<>();
        PortalFixture f = new PortalFixture(
                storage,
                b -> b.dispatcherLease(Duration.ofMillis(1)).emailSender(m -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new LinkageError("a broken optional dependency, say");
                    }
                    delivered.add(m.internetMessageId());
                }));
        f.enablePortal();
        invite(f, "p1");

        f.portal.dispatcher().start(Duration.ofMillis(20));
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (delivered.isEmpty() && System.nanoTime() < deadline) {
                f.clock.advance(Duration.ofMillis(5));
                Thread.sleep(20);
            }
        } finally {
            f.portal.close();
        }
        assertThat(calls.get()).isGreaterThanOrEqualTo(2);
        assertThat(delivered).hasSize(1);
    }

    private static Invitation invite(PortalFixture f, String patient) {
        return Objects.requireNonNull(
                f.portal.invitations().invite(f.newPatient(patient).build()).invitation());
    }

    private OutboundMessage email(Invitation invitation) {
        return message(invitation, MessageKind.INVITATION_EMAIL);
    }

    private OutboundMessage sms(Invitation invitation) {
        return message(invitation, MessageKind.INVITATION_SMS_NOTICE);
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

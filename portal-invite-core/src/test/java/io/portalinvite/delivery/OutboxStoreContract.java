package io.portalinvite.delivery;

import static io.portalinvite.testing.StoreTestData.OTHER_PRACTICE;
import static io.portalinvite.testing.StoreTestData.T0;
import static io.portalinvite.testing.StoreTestData.at;
import static io.portalinvite.testing.StoreTestData.email;
import static io.portalinvite.testing.StoreTestData.message;
import static io.portalinvite.testing.StoreTestData.sms;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.portalinvite.common.InvitationId;
import io.portalinvite.delivery.OutboundMessage.MessageKind;
import io.portalinvite.delivery.OutboundMessage.MessageStatus;
import io.portalinvite.delivery.OutboxStore.OutboxBacklog;
import io.portalinvite.storage.PortalStorage;
import io.portalinvite.testing.Race;
import io.portalinvite.testing.StoreTestData;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link OutboxStore} must have, as its Javadoc states it: exact round trips,
 * claims as leases (only pending, due, unheld messages; oldest due first and emails before SMS
 * notices; at most {@code limit}; claimable again once a lease lapses), completion only under the
 * claim that holds a message, cancellation only of pending messages no live claim holds, and
 * several dispatchers claiming at once without any message claimed twice or lost.
 *
 * <p>To check an implementation, subclass this in the implementation's test sources and return a
 * fresh, empty {@link PortalStorage} from {@link #newStorage()}. The tests use only the SPI
 * interfaces and write inside {@code storage.transactions().inTransaction(...)}, one transaction per
 * claim and per completion, as the {@link OutboxDispatcher} does.
 */
public abstract class OutboxStoreContract {

    private static final Duration LEASE = Duration.ofMinutes(5);

    /** The storage of the current test. */
    protected PortalStorage storage;

    private OutboxStore store;

    /**
     * Creates fresh, empty stores for one test.
     *
     * @return the storage under test
     */
    protected abstract PortalStorage newStorage();

    @BeforeEach
    void createStorage() {
        storage = newStorage();
        store = storage.outbox();
    }

    // --- insert and find -------------------------------------------------------------------------

    @Test
    void backlogWhenMessagesInEveryStateThenCountsPendingDueOldestAndFailed() {
        InvitationId invitation = InvitationId.random();
        OutboundMessage dueOld = StoreTestData.email(invitation, T0.minusSeconds(600));
        OutboundMessage dueNew = StoreTestData.email(InvitationId.random(), T0.minusSeconds(60));
        OutboundMessage later = StoreTestData.email(InvitationId.random(), T0.plusSeconds(600));
        OutboundMessage claimed = StoreTestData.email(InvitationId.random(), T0.minusSeconds(900));
        OutboundMessage failed =
                StoreTestData.email(InvitationId.random(), T0.minusSeconds(60)).failed("550", true);
        OutboundMessage sent =
                StoreTestData.email(InvitationId.random(), T0.minusSeconds(60)).sent(T0);
        for (OutboundMessage m : java.util.List.of(dueOld, dueNew, later, claimed, failed, sent)) {
            insert(m);
        }
        storage.transactions()
                .inTransaction(() -> store.claimDue(T0.minusSeconds(800), 1, "live-claim", T0.plus(LEASE)));

        OutboxBacklog backlog = storage.transactions().inTransaction(() -> store.backlog(T0));

        assertThat(backlog.pending()).isEqualTo(4);
        assertThat(backlog.due()).as("due and not held by a live claim").isEqualTo(2);
        assertThat(backlog.oldestDue()).isEqualTo(T0.minusSeconds(600));
        assertThat(backlog.failed()).isEqualTo(1);
    }

    @Test
    void backlogWhenEmptyThenZeroesAndNoOldest() {
        assertThat(storage.transactions().inTransaction(() -> store.backlog(T0)))
                .isEqualTo(new OutboxBacklog(0, 0, null, 0));
    }

    @Test
    void insertThenFindByIdReturnsEveryFieldUnchanged() {
        UUID id = UUID.randomUUID();
        OutboundMessage message = new OutboundMessage(
                id,
                OTHER_PRACTICE,
                InvitationId.random().value(),
                MessageKind.INVITATION_EMAIL,
                "Ivy.Irwin@example.org",
                StoreTestData.nonce(),
                MessageStatus.PENDING,
                2,
                T0.plusSeconds(300).plusNanos(123_456_000),
                null,
                null,
                "421 4.7.0 Try again later",
                T0.minusSeconds(60).plusNanos(1_000),
                null,
                "<" + id + "@portal.sunrise.example>",
                false);

        insert(message);

        assertSame(store.findById(id), message);
    }

    @Test
    void insertThenFindByIdWhenNewSmsNoticeThenNullsRoundTrip() {
        OutboundMessage message = sms(InvitationId.random(), at(1));

        insert(message);

        OutboundMessage found = store.findById(message.id()).orElseThrow();
        assertSame(Optional.of(found), message);
        assertThat(found.claimId()).isNull();
        assertThat(found.leaseUntil()).isNull();
        assertThat(found.lastError()).isNull();
        assertThat(found.sentAt()).isNull();
    }

    @Test
    void findByIdWhenUnknownThenEmpty() {
        insert(email(InvitationId.random(), T0));

        assertThat(store.findById(UUID.randomUUID())).isEmpty();
    }

    @Test
    void findBySubjectWhenSeveralThenOldestFirstAndOnlyThatSubject() {
        InvitationId invitation = InvitationId.random();
        OutboundMessage resentEmail = message(invitation, MessageKind.INVITATION_EMAIL, at(3_000), at(3_000));
        OutboundMessage firstEmail = message(invitation, MessageKind.INVITATION_EMAIL, at(1_000), at(1_000));
        OutboundMessage firstSms = message(invitation, MessageKind.INVITATION_SMS_NOTICE, at(2_000), at(1_000));
        OutboundMessage otherInvitation = email(InvitationId.random(), at(1_500));
        insert(resentEmail);
        insert(otherInvitation);
        insert(firstSms);
        insert(firstEmail);

        List<OutboundMessage> found = store.findBySubject(invitation.value());

        assertThat(found)
                .extracting(OutboundMessage::id)
                .containsExactly(firstEmail.id(), firstSms.id(), resentEmail.id());
        assertThat(store.findBySubject(InvitationId.random().value())).isEmpty();
    }

    // --- claimDue --------------------------------------------------------------------------------

    @Test
    void claimDueWhenDueThenClaimedMessagesCarryTheClaimAndSoDoesTheStore() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        Instant lease = T0.plus(LEASE);

        List<OutboundMessage> claimed = claim(T0, 10, "claim-1", lease);

        assertThat(claimed).singleElement().usingRecursiveComparison().isEqualTo(message.claimed("claim-1", lease));
        assertSame(store.findById(message.id()), message.claimed("claim-1", lease));
    }

    @Test
    void claimDueWhenNextAttemptIsExactlyNowThenClaimedButNotOneMillisecondLater() {
        OutboundMessage dueNow = email(InvitationId.random(), at(1_000));
        OutboundMessage dueLater = email(InvitationId.random(), at(1_001));
        insert(dueNow);
        insert(dueLater);

        List<OutboundMessage> claimed =
                claim(at(1_000), 10, "claim-1", at(1_000).plus(LEASE));

        assertThat(claimed).extracting(OutboundMessage::id).containsExactly(dueNow.id());
        assertSame(store.findById(dueLater.id()), dueLater);
    }

    @Test
    void claimDueWhenNotPendingThenNotClaimed() {
        OutboundMessage toSend = email(InvitationId.random(), T0);
        OutboundMessage toFail = email(InvitationId.random(), T0);
        insert(toSend);
        insert(toFail);
        List<OutboundMessage> first = claim(T0, 10, "claim-1", T0.plus(LEASE));
        assertThat(first).hasSize(2);
        for (OutboundMessage m : first) {
            OutboundMessage outcome = m.id().equals(toSend.id()) ? m.sent(at(1)) : m.failed("550 no such user", true);
            assertThat(complete(outcome, "claim-1")).isTrue();
        }
        OutboundMessage toCancel = sms(InvitationId.random(), T0);
        insert(toCancel);
        assertThat(cancel(toCancel.id(), "invitation revoked", T0)).isTrue();

        List<OutboundMessage> claimed = claim(at(LEASE.toMillis() * 2), 10, "claim-2", at(LEASE.toMillis() * 3));

        assertThat(claimed).isEmpty();
    }

    @Test
    void claimDueWhenMoreDueThanLimitThenOldestDueUpToLimit() {
        List<OutboundMessage> messages = new ArrayList<>();
        for (int i = 4; i >= 0; i--) {
            OutboundMessage m = email(InvitationId.random(), at(i * 1_000L));
            messages.add(0, m);
            insert(m);
        }

        List<OutboundMessage> first = claim(at(10_000), 3, "claim-1", at(10_000).plus(LEASE));
        List<OutboundMessage> second =
                claim(at(10_000), 3, "claim-2", at(10_000).plus(LEASE));
        List<OutboundMessage> third = claim(at(10_000), 3, "claim-3", at(10_000).plus(LEASE));

        assertThat(first)
                .extracting(OutboundMessage::id)
                .containsExactly(
                        messages.get(0).id(),
                        messages.get(1).id(),
                        messages.get(2).id());
        assertThat(second)
                .extracting(OutboundMessage::id)
                .containsExactly(messages.get(3).id(), messages.get(4).id());
        assertThat(third).isEmpty();
    }

    @Test
    void claimDueWhenSameDueTimeThenEmailsBeforeSmsNotices() {
        InvitationId invitation = InvitationId.random();
        OutboundMessage earlierSms = message(InvitationId.random(), MessageKind.INVITATION_SMS_NOTICE, at(0), at(500));
        OutboundMessage smsWrittenFirst = message(invitation, MessageKind.INVITATION_SMS_NOTICE, at(900), at(1_000));
        OutboundMessage emailWrittenLater = message(invitation, MessageKind.INVITATION_EMAIL, at(950), at(1_000));
        insert(smsWrittenFirst);
        insert(emailWrittenLater);
        insert(earlierSms);

        List<OutboundMessage> claimed =
                claim(at(2_000), 10, "claim-1", at(2_000).plus(LEASE));

        assertThat(claimed)
                .extracting(OutboundMessage::id)
                .containsExactly(earlierSms.id(), emailWrittenLater.id(), smsWrittenFirst.id());
    }

    @Test
    void claimDueWhenLimitSplitsSameDueTimeThenEmailTakenFirst() {
        InvitationId invitation = InvitationId.random();
        OutboundMessage sms = message(invitation, MessageKind.INVITATION_SMS_NOTICE, at(0), at(1_000));
        OutboundMessage email = message(invitation, MessageKind.INVITATION_EMAIL, at(1), at(1_000));
        insert(sms);
        insert(email);

        List<OutboundMessage> claimed = claim(at(2_000), 1, "claim-1", at(2_000).plus(LEASE));

        assertThat(claimed).extracting(OutboundMessage::id).containsExactly(email.id());
    }

    @Test
    void claimDueWhenClaimedAndLeaseStillLiveThenNotClaimedAgain() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        Instant lease = T0.plus(LEASE);
        assertThat(claim(T0, 10, "claim-1", lease)).hasSize(1);

        List<OutboundMessage> again = claim(lease.minusMillis(1), 10, "claim-2", lease.plus(LEASE));

        assertThat(again).isEmpty();
        assertSame(store.findById(message.id()), message.claimed("claim-1", lease));
    }

    @Test
    void claimDueWhenLeaseLapsedThenClaimedAgainByNewClaimAndMarkedAsPossiblySentBefore() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        Instant lease = T0.plus(LEASE);
        assertThat(claim(T0, 10, "dead-dispatcher", lease))
                .singleElement()
                .satisfies(m -> assertThat(m.previousClaimLapsed()).isFalse());
        Instant newLease = lease.plus(LEASE);

        List<OutboundMessage> again = claim(lease, 10, "claim-2", newLease);

        assertThat(again)
                .singleElement()
                .usingRecursiveComparison()
                .isEqualTo(message.claimed("claim-2", newLease, true));
        assertSame(store.findById(message.id()), message.claimed("claim-2", newLease));
    }

    // --- complete --------------------------------------------------------------------------------

    @Test
    void completeWhenClaimHoldsThenNewStateStoredWithoutClaim() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        OutboundMessage claimed = claim(T0, 10, "claim-1", T0.plus(LEASE)).get(0);
        OutboundMessage sent = claimed.sent(at(2_000).plusNanos(5_000));

        assertThat(complete(sent, "claim-1")).isTrue();

        OutboundMessage found = store.findById(message.id()).orElseThrow();
        assertSame(Optional.of(found), sent);
        assertThat(found.status()).isEqualTo(MessageStatus.SENT);
        assertThat(found.claimId()).isNull();
        assertThat(found.leaseUntil()).isNull();
        assertThat(found.sentAt()).isEqualTo(at(2_000).plusNanos(5_000));
        assertThat(found.attempts()).isEqualTo(1);
    }

    @Test
    void completeWhenRetryScheduledThenPendingAgainAndClaimableOnlyFromNextAttempt() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        OutboundMessage claimed = claim(T0, 10, "claim-1", T0.plus(LEASE)).get(0);
        Instant next = at(60_000);
        OutboundMessage retry = claimed.retryAt(next, "421 4.7.0 Try again later");

        assertThat(complete(retry, "claim-1")).isTrue();

        assertSame(store.findById(message.id()), retry);
        assertThat(claim(next.minusMillis(1), 10, "claim-2", next.plus(LEASE))).isEmpty();
        assertThat(claim(next, 10, "claim-3", next.plus(LEASE)))
                .extracting(OutboundMessage::id)
                .containsExactly(message.id());
    }

    @Test
    void completeWhenStaleClaimAfterAnotherClaimTookOverThenFalseAndNothingChanged() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        Instant lease = T0.plus(LEASE);
        OutboundMessage slow = claim(T0, 10, "slow-claim", lease).get(0);
        Instant newLease = lease.plus(LEASE);
        OutboundMessage current =
                claim(lease.plusMillis(1), 10, "new-claim", newLease).get(0);

        boolean recorded = complete(slow.sent(lease.plusMillis(2)), "slow-claim");

        assertThat(recorded).isFalse();
        assertSame(store.findById(message.id()), message.claimed("new-claim", newLease));
        assertThat(complete(current.sent(lease.plusMillis(3)), "new-claim")).isTrue();
        assertSame(store.findById(message.id()), current.sent(lease.plusMillis(3)));
    }

    @Test
    void completeWhenLeaseLapsedButNobodyTookOverThenRecorded() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        Instant lease = T0.plus(LEASE);
        OutboundMessage claimed = claim(T0, 10, "claim-1", lease).get(0);
        OutboundMessage sent = claimed.sent(lease.plusSeconds(30));

        assertThat(complete(sent, "claim-1")).isTrue();

        assertSame(store.findById(message.id()), sent);
    }

    @Test
    void completeWhenNeverClaimedThenFalse() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);

        assertThat(complete(message.sent(at(1)), "made-up-claim")).isFalse();

        assertSame(store.findById(message.id()), message);
    }

    @Test
    void completeWhenAlreadyCompletedThenFalse() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        OutboundMessage claimed = claim(T0, 10, "claim-1", T0.plus(LEASE)).get(0);
        assertThat(complete(claimed.sent(at(1)), "claim-1")).isTrue();

        assertThat(complete(claimed.failed("late duplicate", true), "claim-1")).isFalse();

        assertSame(store.findById(message.id()), claimed.sent(at(1)));
    }

    // --- cancel ----------------------------------------------------------------------------------

    @Test
    void cancelWhenPendingAndUnclaimedThenCancelled() {
        OutboundMessage message = sms(InvitationId.random(), at(60_000));
        insert(message);

        assertThat(cancel(message.id(), "invitation revoked", T0)).isTrue();

        OutboundMessage found = store.findById(message.id()).orElseThrow();
        assertThat(found.status()).isEqualTo(MessageStatus.CANCELLED);
        assertSame(Optional.of(found), message.cancelled("invitation revoked"));
        assertThat(claim(at(120_000), 10, "claim-1", at(120_000).plus(LEASE))).isEmpty();
    }

    @Test
    void cancelWhenClaimedWithLiveLeaseThenFalseAndUnchanged() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        Instant lease = T0.plus(LEASE);
        assertThat(claim(T0, 10, "claim-1", lease)).hasSize(1);

        assertThat(cancel(message.id(), "invitation revoked", lease.minusMillis(1)))
                .isFalse();

        assertSame(store.findById(message.id()), message.claimed("claim-1", lease));
    }

    @Test
    void cancelWhenClaimLapsedThenCancelledAndLateCompletionRefused() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        Instant lease = T0.plus(LEASE);
        OutboundMessage claimed = claim(T0, 10, "dead-dispatcher", lease).get(0);

        assertThat(cancel(message.id(), "invitation revoked", lease)).isTrue();

        assertThat(store.findById(message.id()).orElseThrow().status()).isEqualTo(MessageStatus.CANCELLED);
        assertThat(complete(claimed.sent(lease.plusMillis(1)), "dead-dispatcher"))
                .isFalse();
        assertThat(store.findById(message.id()).orElseThrow().status()).isEqualTo(MessageStatus.CANCELLED);
    }

    @Test
    void cancelWhenAlreadySentThenFalseAndUnchanged() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        OutboundMessage claimed = claim(T0, 10, "claim-1", T0.plus(LEASE)).get(0);
        assertThat(complete(claimed.sent(at(1)), "claim-1")).isTrue();

        assertThat(cancel(message.id(), "invitation revoked", at(2))).isFalse();

        assertSame(store.findById(message.id()), claimed.sent(at(1)));
    }

    @Test
    void cancelWhenAlreadyCancelledOrUnknownThenFalse() {
        OutboundMessage message = sms(InvitationId.random(), T0);
        insert(message);
        assertThat(cancel(message.id(), "first", T0)).isTrue();

        assertThat(cancel(message.id(), "second", at(1))).isFalse();
        assertThat(cancel(UUID.randomUUID(), "unknown", at(1))).isFalse();

        assertSame(store.findById(message.id()), message.cancelled("first"));
    }

    // --- transactions ----------------------------------------------------------------------------

    @Test
    void transactionThatThrowsAfterInsertLeavesNothing() {
        InvitationId invitation = InvitationId.random();
        OutboundMessage email = email(invitation, T0);
        OutboundMessage sms = sms(invitation, T0);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    store.insert(email);
                    store.insert(sms);
                    throw new IllegalStateException("invitation insert failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertThat(store.findById(email.id())).isEmpty();
        assertThat(store.findBySubject(invitation.value())).isEmpty();
        assertThat(claim(at(1), 10, "claim-1", at(1).plus(LEASE))).isEmpty();
    }

    @Test
    void transactionThatThrowsAfterClaimReleasesTheMessages() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    assertThat(store.claimDue(T0, 10, "claim-1", T0.plus(LEASE)))
                            .hasSize(1);
                    throw new IllegalStateException("dispatcher crashed inside the claim");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertSame(store.findById(message.id()), message);
        assertThat(claim(at(1), 10, "claim-2", at(1).plus(LEASE)))
                .extracting(OutboundMessage::id)
                .containsExactly(message.id());
    }

    @Test
    void transactionThatThrowsAfterCompleteKeepsTheClaim() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        OutboundMessage claimed = claim(T0, 10, "claim-1", T0.plus(LEASE)).get(0);

        assertThatThrownBy(() -> storage.transactions().inTransaction(() -> {
                    assertThat(store.complete(claimed.sent(at(1)), "claim-1")).isTrue();
                    throw new IllegalStateException("audit failed");
                }))
                .isInstanceOf(IllegalStateException.class);

        assertSame(store.findById(message.id()), claimed);
    }

    // --- concurrency -----------------------------------------------------------------------------

    @Test
    void claimDueWhenFourDispatchersDrainFiveHundredMessagesThenEachClaimedExactlyOnce() {
        int total = 500;
        int dispatchers = 4;
        List<OutboundMessage> messages = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            InvitationId invitation = InvitationId.random();
            messages.add(i % 5 == 4 ? sms(invitation, at(i)) : email(invitation, at(i)));
        }
        storage.transactions().inTransaction(() -> messages.forEach(store::insert));
        Instant now = at(total + 1_000);
        Map<UUID, Integer> claims = new ConcurrentHashMap<>();

        List<Race.Outcome<Integer>> outcomes;
        try (Race race = new Race(dispatchers)) {
            outcomes = race.run(d -> () -> {
                int mine = 0;
                for (int batch = 0; ; batch++) {
                    String claimId = "dispatcher-" + d + "-batch-" + batch;
                    List<OutboundMessage> claimed = claim(now, 7, claimId, now.plus(LEASE));
                    if (claimed.isEmpty()) {
                        return mine;
                    }
                    for (OutboundMessage m : claimed) {
                        claims.merge(m.id(), 1, Integer::sum);
                        if (!complete(m.sent(now), claimId)) {
                            throw new AssertionError("completion under a held claim was refused: " + m.id());
                        }
                        mine++;
                    }
                }
            });
        }

        assertThat(outcomes).allSatisfy(o -> assertThat(o.failure()).isNull());
        assertThat(outcomes.stream()
                        .mapToInt(o -> o.value() == null ? 0 : o.value())
                        .sum())
                .isEqualTo(total);
        Set<UUID> expected = messages.stream().map(OutboundMessage::id).collect(Collectors.toSet());
        assertThat(claims.keySet()).isEqualTo(expected);
        assertThat(claims)
                .allSatisfy(
                        (id, count) -> assertThat(count).as("claims of %s", id).isEqualTo(1));
        for (OutboundMessage m : messages) {
            assertThat(store.findById(m.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        }
        assertThat(claim(
                        now.plus(LEASE).plus(LEASE),
                        1_000,
                        "late",
                        now.plus(LEASE).plus(LEASE).plus(LEASE)))
                .isEmpty();
    }

    // --- channels, renewal, hand-back ------------------------------------------------------------

    @Test
    void claimDueWhenOnlySmsChannelAskedThenEmailsLeftUnclaimed() {
        InvitationId invitation = InvitationId.random();
        OutboundMessage email = email(invitation, T0);
        OutboundMessage notice = sms(invitation, T0);
        insert(email);
        insert(notice);

        List<OutboundMessage> claimed = storage.transactions()
                .inTransaction(() -> store.claimDue(
                        T0, 10, "sms-only", T0.plus(LEASE), java.util.EnumSet.of(io.portalinvite.common.Channel.SMS)));

        assertThat(claimed).extracting(OutboundMessage::id).containsExactly(notice.id());
        assertThat(store.findById(email.id()).orElseThrow().claimId()).isNull();
    }

    @Test
    void claimDueWhenNoChannelAskedThenNothingClaimed() {
        insert(email(InvitationId.random(), T0));

        assertThat(storage.transactions()
                        .inTransaction(() -> store.claimDue(
                                T0,
                                10,
                                "none",
                                T0.plus(LEASE),
                                java.util.EnumSet.noneOf(io.portalinvite.common.Channel.class))))
                .isEmpty();
    }

    @Test
    void claimDueWhenEarlierClaimWasCompletedThenNotMarkedAsPossiblySentBefore() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        OutboundMessage first = claim(T0, 1, "claim-1", T0.plus(LEASE)).get(0);
        assertThat(complete(first.retryAt(T0.plusSeconds(60), "421 try later"), "claim-1"))
                .isTrue();

        List<OutboundMessage> again =
                claim(T0.plusSeconds(60), 1, "claim-2", T0.plus(LEASE).plusSeconds(60));

        assertThat(again)
                .singleElement()
                .satisfies(m -> assertThat(m.previousClaimLapsed()).isFalse());
    }

    @Test
    void renewClaimWhenClaimHoldsThenLeaseExtendedAndNotClaimableUntilThen() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        claim(T0, 1, "claim-1", T0.plus(LEASE));
        Instant extended = T0.plus(LEASE).plus(LEASE);

        int renewed = storage.transactions()
                .inTransaction(() -> store.renewClaim("claim-1", List.of(message.id()), extended));

        assertThat(renewed).isEqualTo(1);
        assertThat(store.findById(message.id()).orElseThrow().leaseUntil()).isEqualTo(extended);
        assertThat(claim(T0.plus(LEASE).plusSeconds(1), 10, "claim-2", extended.plus(LEASE)))
                .isEmpty();
        assertThat(claim(extended, 10, "claim-2", extended.plus(LEASE))).hasSize(1);
    }

    @Test
    void renewClaimWhenAnotherClaimTookOverOrMessageCompletedThenNothingRenewed() {
        OutboundMessage taken = email(InvitationId.random(), T0);
        OutboundMessage done = email(InvitationId.random(), T0.plusNanos(1_000));
        insert(taken);
        insert(done);
        List<OutboundMessage> first = claim(T0.plusSeconds(1), 10, "claim-1", T0.plus(LEASE));
        OutboundMessage doneClaimed =
                first.stream().filter(m -> m.id().equals(done.id())).findFirst().orElseThrow();
        assertThat(complete(doneClaimed.sent(T0.plusSeconds(2)), "claim-1")).isTrue();
        claim(T0.plus(LEASE), 10, "claim-2", T0.plus(LEASE).plus(LEASE));

        int renewed = storage.transactions()
                .inTransaction(() -> store.renewClaim(
                        "claim-1",
                        List.of(taken.id(), done.id()),
                        T0.plus(LEASE).plus(LEASE).plus(LEASE)));

        assertThat(renewed).isZero();
        assertThat(store.findById(taken.id()).orElseThrow().claimId()).isEqualTo("claim-2");
        assertThat(store.findById(taken.id()).orElseThrow().leaseUntil())
                .isEqualTo(T0.plus(LEASE).plus(LEASE));
    }

    @Test
    void releaseWhenClaimHoldsThenUnclaimedDueAsBeforeAndNextClaimNotMarkedAsPossiblySentBefore() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        claim(T0, 1, "claim-1", T0.plus(LEASE));

        int released = storage.transactions().inTransaction(() -> store.release("claim-1", List.of(message.id())));

        assertThat(released).isEqualTo(1);
        assertSame(store.findById(message.id()), message);
        List<OutboundMessage> again = claim(T0.plusSeconds(1), 1, "claim-2", T0.plus(LEASE));
        assertThat(again).singleElement().satisfies(m -> {
            assertThat(m.previousClaimLapsed()).isFalse();
            assertThat(m.attempts()).isZero();
        });
    }

    @Test
    void releaseWhenAnotherClaimHoldsThenLeftAlone() {
        OutboundMessage message = email(InvitationId.random(), T0);
        insert(message);
        claim(T0, 1, "claim-1", T0.plus(LEASE));

        int released = storage.transactions().inTransaction(() -> store.release("claim-2", List.of(message.id())));

        assertThat(released).isZero();
        assertThat(store.findById(message.id()).orElseThrow().claimId()).isEqualTo("claim-1");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void insert(OutboundMessage message) {
        storage.transactions().inTransaction(() -> store.insert(message));
    }

    private List<OutboundMessage> claim(Instant now, int limit, String claimId, Instant leaseUntil) {
        return storage.transactions().inTransaction(() -> store.claimDue(now, limit, claimId, leaseUntil));
    }

    private boolean complete(OutboundMessage updated, String claimId) {
        return storage.transactions().inTransaction(() -> store.complete(updated, claimId));
    }

    private boolean cancel(UUID id, String reason, Instant now) {
        return storage.transactions().inTransaction(() -> store.cancel(id, reason, now));
    }

    /**
     * Compares field by field, so a failure names the field that did not survive the store; the
     * lapsed-claim mark an outcome may carry is not stored.
     */
    private static void assertSame(Optional<OutboundMessage> actual, OutboundMessage expected) {
        assertThat(actual).as("stored message %s", expected.id()).isPresent();
        assertThat(actual.orElseThrow())
                .usingRecursiveComparison()
                .ignoringFields("previousClaimLapsed")
                .isEqualTo(expected);
        // the mark is a claim's finding, never stored: a message read back never carries it
        assertThat(actual.orElseThrow().previousClaimLapsed()).isFalse();
    }
}

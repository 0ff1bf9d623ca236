package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import io.portalinvite.common.PracticeId;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Storage SPI for the transactional outbox.
 *
 * <p>Claims are leases: a dispatcher claims due messages for a while, sends them outside the
 * claiming transaction, then records each result under its claim. A dispatcher that dies leaves
 * its claims to lapse, and another dispatcher claims the messages again. Database implementations
 * claim with {@code FOR UPDATE SKIP LOCKED} or an equivalent, so several nodes never claim the same
 * message at once. Pinned by {@code OutboxStoreContract} in core's test-jar.
 */
public interface OutboxStore {

    /**
     * Writes a new message.
     *
     * @param message the pending message
     */
    void insert(OutboundMessage message);

    /**
     * Claims up to {@code limit} pending messages whose next attempt is due and that no live claim
     * holds, oldest due first, emails before SMS notices.
     *
     * @param now the current time
     * @param limit the most messages to claim
     * @param claimId a fresh id for this claim
     * @param leaseUntil when the claim lapses
     * @return the claimed messages, carrying the claim
     */
    default List<OutboundMessage> claimDue(Instant now, int limit, String claimId, Instant leaseUntil) {
        return claimDue(now, limit, claimId, leaseUntil, EnumSet.allOf(Channel.class));
    }

    /**
     * Claims up to {@code limit} pending messages on the given channels whose next attempt is due
     * and that no live claim holds, oldest due first, emails before SMS notices. A message still
     * held by an earlier claim whose lease ran out is claimed with
     * {@link OutboundMessage#previousClaimLapsed()} set: that claim's dispatcher may have sent it
     * without recording the result.
     *
     * @param now the current time
     * @param limit the most messages to claim
     * @param claimId a fresh id for this claim
     * @param leaseUntil when the claim lapses
     * @param channels the channels whose messages to claim (a dispatcher waiting for an
     *     unreachable transport leaves that channel's messages alone)
     * @return the claimed messages, carrying the claim
     */
    List<OutboundMessage> claimDue(Instant now, int limit, String claimId, Instant leaseUntil, Set<Channel> channels);

    /**
     * Extends the lease of messages a live claim still holds, so that a claim can be short (a dead
     * dispatcher's messages are taken over soon) and still outlast a long batch. Messages no longer
     * pending or no longer held by the claim are left alone.
     *
     * @param claimId the claim
     * @param ids the messages the claim holds and has not recorded yet
     * @param leaseUntil the new end of the lease
     * @return how many messages the claim still held
     */
    int renewClaim(String claimId, Collection<UUID> ids, Instant leaseUntil);

    /**
     * Hands claimed messages back without an attempt (the transport could not be reached, or the
     * dispatcher stopped before it got to them): they become unclaimed and due as before, with
     * attempts and last error unchanged. Messages no longer held by the claim are left alone.
     *
     * @param claimId the claim
     * @param ids the messages to hand back
     * @return how many were handed back
     */
    int release(String claimId, Collection<UUID> ids);

    /**
     * Records the outcome of a claimed message, if the claim still holds it.
     *
     * @param updated the message's new state (unclaimed)
     * @param claimId the claim under which it was sent
     * @return true when recorded; false when the claim had lapsed and another claim took over
     */
    boolean complete(OutboundMessage updated, String claimId);

    /**
     * Withdraws a pending message that no live claim holds, e.g. after its invitation was revoked.
     *
     * @param id the message
     * @param reason why
     * @param now the current time, to tell lapsed claims from live ones
     * @return true when it was pending and is now cancelled
     */
    boolean cancel(UUID id, String reason, Instant now);

    /**
     * Finds a message.
     *
     * @param id the message's id
     * @return the message, or empty
     */
    Optional<OutboundMessage> findById(UUID id);

    /**
     * Lists the messages about one subject (an invitation, a password-reset request), oldest first.
     *
     * @param subjectId the subject's id
     * @return the messages
     */
    List<OutboundMessage> findBySubject(UUID subjectId);

    /**
     * Counts the outbox's pending, due and failed messages, for health checks.
     *
     * @param now the current time
     * @return the counts
     */
    OutboxBacklog backlog(Instant now);

    /**
     * Reserves {@code count} consecutive send slots for a practice's messages on one channel, one
     * {@code interval} apart, and returns the first. The first slot is the later of {@code now} and
     * the slot after the last one reserved before; the reservation is atomic across nodes (a row
     * lock or an equivalent), so slots never overlap however many nodes enqueue at once. Messages
     * given slots as their next attempt are then sent no faster than one per interval by any number
     * of dispatchers, because dispatchers only claim due messages (see {@code docs/outbox-pacing.md}).
     *
     * @param practiceId the practice
     * @param channel the channel
     * @param count how many slots, at least 1
     * @param now the current time
     * @param interval the spacing between slots, positive
     * @return the first reserved slot; slot {@code i} is {@code first + i * interval}
     */
    Instant reserveSendSlots(PracticeId practiceId, Channel channel, int count, Instant now, Duration interval);

    /**
     * How the outbox is doing, for health checks and dashboards.
     *
     * @param pending messages waiting to be sent, due or not
     * @param due pending messages whose next attempt is due now and that no live claim holds
     * @param oldestDue when the longest-waiting due message became due, or null when none is due
     * @param failed messages that failed for good
     */
    public record OutboxBacklog(
            long pending, long due, @Nullable Instant oldestDue, long failed) {}
}

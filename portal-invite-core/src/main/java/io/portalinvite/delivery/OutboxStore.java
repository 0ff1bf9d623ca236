package io.portalinvite.delivery;

import io.portalinvite.invitation.InvitationId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
    List<OutboundMessage> claimDue(Instant now, int limit, String claimId, Instant leaseUntil);

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
     * Lists an invitation's messages, oldest first.
     *
     * @param invitationId the invitation
     * @return the messages
     */
    List<OutboundMessage> findByInvitation(InvitationId invitationId);

    /**
     * Counts the outbox's pending, due and failed messages, for health checks.
     *
     * @param now the current time
     * @return the counts
     */
    OutboxBacklog backlog(Instant now);
}

package io.portalinvite.delivery;

import io.portalinvite.common.Channel;
import io.portalinvite.common.PracticeId;
import io.portalinvite.token.TokenNonce;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A message in the transactional outbox. It is written in the same transaction as the change it
 * announces and sent after commit by the {@link OutboxDispatcher}; it holds no message text and no
 * token, only what is needed to compose the message at send time. What it is about is named
 * generically: its {@link #kind()} says which concept it belongs to (an invitation, a password-reset
 * request) and {@link #subjectId()} which one; that concept's {@link MessageHandler} composes it,
 * deriving the link's token again from the subject id and {@link #tokenNonce()} with the secret key.
 *
 * @param id the message's id
 * @param practiceId the practice
 * @param subjectId the id of what it is about: the invitation or the password-reset request, as its kind says
 * @param kind what it is for
 * @param recipient the email address or E.164 number, fixed when the invitation was made
 * @param tokenNonce the nonce of the link issue this message belongs to
 * @param status where it is
 * @param attempts sends tried so far
 * @param nextAttemptAt not sent before this instant
 * @param claimId the dispatcher claim holding it, or null
 * @param leaseUntil the claim's lease end, or null
 * @param lastError the last failure's short description, or null
 * @param createdAt when it was written
 * @param sentAt when it was sent, or null
 * @param internetMessageId the stable Message-ID used on every attempt, so a duplicate after a
 *     retry can be recognised by the receiving side
 * @param previousClaimLapsed true on a message just claimed from an earlier claim that lapsed
 *     before it recorded a result (its dispatcher died or lost the database): that dispatcher may
 *     have sent it. The unrecorded attempt is counted with the next attempt's outcome, and the
 *     audit entry of a send says it was sent again. Not stored; false on messages read otherwise
 */
public record OutboundMessage(
        UUID id,
        PracticeId practiceId,
        UUID subjectId,
        MessageKind kind,
        String recipient,
        TokenNonce tokenNonce,
        MessageStatus status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String claimId,
        @Nullable Instant leaseUntil,
        @Nullable String lastError,
        Instant createdAt,
        @Nullable Instant sentAt,
        String internetMessageId,
        boolean previousClaimLapsed) {

    /** Longest stored error description. */
    public static final int MAX_ERROR_LENGTH = 500;

    /** Checks presence. */
    public OutboundMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(practiceId, "practiceId");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(tokenNonce, "tokenNonce");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(internetMessageId, "internetMessageId");
        if (lastError != null && lastError.length() > MAX_ERROR_LENGTH) {
            lastError = lastError.substring(0, MAX_ERROR_LENGTH);
        }
    }

    /**
     * A new pending message, due now.
     *
     * @param practiceId the practice
     * @param subjectId what it is about (see {@link #subjectId()})
     * @param kind what it is for
     * @param recipient the address or number
     * @param nonce the link issue it belongs to
     * @param now the current time
     * @param messageIdDomain the domain part of the Message-ID
     * @return the message
     */
    public static OutboundMessage pending(
            PracticeId practiceId,
            UUID subjectId,
            MessageKind kind,
            String recipient,
            TokenNonce nonce,
            Instant now,
            String messageIdDomain) {
        UUID id = UUID.randomUUID();
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                nonce,
                MessageStatus.PENDING,
                0,
                now,
                null,
                null,
                null,
                now,
                null,
                "<" + id + "@" + messageIdDomain + ">",
                false);
    }

    /**
     * Returns the channel.
     *
     * @return the kind's channel
     */
    public Channel channel() {
        return kind.channel();
    }

    /**
     * The message claimed by a dispatcher.
     *
     * @param claim the claim id
     * @param lease when the claim lapses
     * @return the claimed message
     */
    public OutboundMessage claimed(String claim, Instant lease) {
        return claimed(claim, lease, false);
    }

    /**
     * The message claimed by a dispatcher, saying whether an earlier claim on it lapsed without a
     * recorded result.
     *
     * @param claim the claim id
     * @param lease when the claim lapses
     * @param lapsed true when the message was still held by an earlier claim whose lease had run out
     * @return the claimed message
     */
    public OutboundMessage claimed(String claim, Instant lease, boolean lapsed) {
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                tokenNonce,
                status,
                attempts,
                nextAttemptAt,
                claim,
                lease,
                lastError,
                createdAt,
                sentAt,
                internetMessageId,
                lapsed);
    }

    /**
     * The message after a successful send.
     *
     * @param now the current time
     * @return the changed message, unclaimed
     */
    public OutboundMessage sent(Instant now) {
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                tokenNonce,
                MessageStatus.SENT,
                attemptsWithThisOne(),
                nextAttemptAt,
                null,
                null,
                lastError,
                createdAt,
                now,
                internetMessageId,
                previousClaimLapsed);
    }

    /**
     * The message after a failed attempt that will be retried.
     *
     * @param next when to try again
     * @param error what went wrong
     * @return the changed message, unclaimed
     */
    public OutboundMessage retryAt(Instant next, String error) {
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                tokenNonce,
                MessageStatus.PENDING,
                attemptsWithThisOne(),
                next,
                null,
                null,
                error,
                createdAt,
                null,
                internetMessageId,
                previousClaimLapsed);
    }

    /**
     * The message put back without counting an attempt (it had to wait for something else).
     *
     * @param next when to look at it again
     * @return the changed message, unclaimed
     */
    public OutboundMessage postponed(Instant next) {
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                tokenNonce,
                MessageStatus.PENDING,
                attempts,
                next,
                null,
                null,
                lastError,
                createdAt,
                null,
                internetMessageId,
                previousClaimLapsed);
    }

    /**
     * The message put back for later after a failure that was not a delivery attempt (its
     * composition failed): no attempt is counted, the error is kept.
     *
     * @param next when to look at it again
     * @param error what went wrong
     * @return the changed message, unclaimed
     */
    public OutboundMessage deferred(Instant next, String error) {
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                tokenNonce,
                MessageStatus.PENDING,
                attempts,
                next,
                null,
                null,
                error,
                createdAt,
                null,
                internetMessageId,
                previousClaimLapsed);
    }

    /**
     * The message failed for good.
     *
     * @param error what went wrong
     * @param attempted whether this failure was a send attempt
     * @return the changed message, unclaimed
     */
    public OutboundMessage failed(String error, boolean attempted) {
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                tokenNonce,
                MessageStatus.FAILED,
                attempted ? attemptsWithThisOne() : attempts,
                nextAttemptAt,
                null,
                null,
                error,
                createdAt,
                null,
                internetMessageId,
                previousClaimLapsed);
    }

    /**
     * The message withdrawn without sending.
     *
     * @param reason why
     * @return the changed message, unclaimed
     */
    public OutboundMessage cancelled(String reason) {
        return new OutboundMessage(
                id,
                practiceId,
                subjectId,
                kind,
                recipient,
                tokenNonce,
                MessageStatus.CANCELLED,
                attempts,
                nextAttemptAt,
                null,
                null,
                reason,
                createdAt,
                null,
                internetMessageId,
                previousClaimLapsed);
    }

    /**
     * The attempts after the one being recorded: one more, plus the unrecorded one of a lapsed
     * earlier claim (see {@link #previousClaimLapsed()}).
     */
    private int attemptsWithThisOne() {
        return attempts + (previousClaimLapsed ? 2 : 1);
    }

    @Override
    public String toString() {
        return "OutboundMessage[" + id + ", " + kind + ", " + status + ", attempts=" + attempts + "]";
    }

    /** Where an outbound message is. */
    public enum MessageStatus {
        /** Waiting to be sent (possibly claimed by a dispatcher right now, or waiting for a retry). */
        PENDING,
        /** Handed to the mail server or SMS provider. */
        SENT,
        /** Failed for good: a permanent error, or every retry used. */
        FAILED,
        /** Not sent on purpose: its invitation was revoked, accepted, expired or resent with a new link. */
        CANCELLED
    }

    /** What an outbound message is for. */
    public enum MessageKind {
        /** The email that carries the invitation link. */
        INVITATION_EMAIL(Channel.EMAIL),
        /** The SMS that tells the invitee an email was sent; it carries no link. */
        INVITATION_SMS_NOTICE(Channel.SMS),
        /**
         * A reminder, shortly before expiry, that carries the same link as the invitation email (the
         * token is derived again from the invitation's current nonce; nothing new is issued).
         */
        INVITATION_REMINDER_EMAIL(Channel.EMAIL),
        /**
         * The email with a password-reset link. Its {@link OutboundMessage#subjectId()} is the id
         * of the password-reset request, not of an invitation.
         */
        PASSWORD_RESET_EMAIL(Channel.EMAIL);

        private final Channel channel;

        MessageKind(Channel channel) {
            this.channel = channel;
        }

        /**
         * Returns the channel this kind travels on.
         *
         * @return the channel
         */
        public Channel channel() {
            return channel;
        }
    }
}

package io.portalinvite.delivery;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A sender could not hand a message over. Its {@link #kind()} tells the dispatcher what the failure
 * means for the message: a transport that cannot be reached says nothing about the message (it was
 * not attempted, and the dispatcher waits for the transport instead of spending the message's
 * attempts), while a failed attempt, a rejection and an invalid message are about this message.
 */
public class DeliveryException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Kind kind;
    private final @Nullable Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not contain the message body or a token
     * @param permanent true when retrying cannot help (e.g. the address does not exist): kind
     *     {@link Kind#REJECTED}; otherwise {@link Kind#ATTEMPT_FAILED}
     */
    public DeliveryException(String message, boolean permanent) {
        this(permanent ? Kind.REJECTED : Kind.ATTEMPT_FAILED, message, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param permanent true when retrying cannot help: kind {@link Kind#REJECTED}; otherwise
     *     {@link Kind#ATTEMPT_FAILED}
     * @param cause the underlying failure
     */
    public DeliveryException(String message, boolean permanent, Throwable cause) {
        this(permanent ? Kind.REJECTED : Kind.ATTEMPT_FAILED, message, cause);
    }

    /**
     * Creates the exception of a given kind.
     *
     * @param kind what the failure means for the message
     * @param message what went wrong; must not contain the message body or a token
     * @param cause the underlying failure, or null
     */
    public DeliveryException(Kind kind, String message, @Nullable Throwable cause) {
        super(message);
        if (cause != null) {
            initCause(cause);
        }
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = null;
    }

    /**
     * Creates a retryable failure for which the provider said when to come back (HTTP 429 or 503
     * with {@code Retry-After}, say). The dispatcher waits at least that long. Kind
     * {@link Kind#ATTEMPT_FAILED}.
     *
     * @param message what went wrong
     * @param retryAfter how long the provider asked to wait
     * @param cause the underlying failure, or null
     */
    public DeliveryException(String message, Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause == null ? new IllegalStateException(message) : cause);
        this.kind = Kind.ATTEMPT_FAILED;
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
    }

    /**
     * A transport that could not be reached (connection refused, unknown host, TLS handshake or
     * authentication failed, no answer): the message was not attempted.
     *
     * @param message what went wrong, naming the transport but not the message
     * @param cause the underlying failure, or null
     * @return the exception, of kind {@link Kind#TRANSPORT_UNREACHABLE}
     */
    public static DeliveryException unreachable(String message, @Nullable Throwable cause) {
        return new DeliveryException(Kind.TRANSPORT_UNREACHABLE, message, cause);
    }

    /**
     * Returns how long the provider asked to wait before the next attempt.
     *
     * @return the wait, or empty when the provider said nothing
     */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Tells whether retrying can help.
     *
     * @return true when the failure is permanent ({@link Kind#REJECTED} or {@link Kind#MESSAGE_INVALID})
     */
    public boolean permanent() {
        return kind == Kind.REJECTED || kind == Kind.MESSAGE_INVALID;
    }

    /**
     * Tells what the failure means for the message.
     *
     * @return the kind of failure
     */
    public Kind kind() {
        return kind;
    }

    /** What a delivery failure means for the message. */
    public enum Kind {
        /**
         * The transport could not be reached at all (connection refused, unknown host, TLS handshake
         * or authentication failed, no greeting). Nothing about this message was tried: the
         * dispatcher hands it and the rest of its batch back without counting an attempt and waits
         * for the transport to come back.
         */
        TRANSPORT_UNREACHABLE,
        /**
         * The message was attempted and the attempt failed in a way that may pass (a 4xx reply, a
         * connection lost in the middle of the message, a timeout, a provider's 429). Counts as an
         * attempt; retried after the back-off.
         */
        ATTEMPT_FAILED,
        /** The server refused this message for good (a 5xx reply to the recipient or the content). */
        REJECTED,
        /** The message cannot be sent as composed (a bad header, say); retrying cannot help. */
        MESSAGE_INVALID
    }
}

package io.portalinvite.delivery;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A sender could not hand a message over. */
public class DeliveryException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean permanent;
    private final @Nullable Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not contain the message body or a token
     * @param permanent true when retrying cannot help (e.g. the address does not exist)
     */
    public DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
        this.retryAfter = null;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param permanent true when retrying cannot help
     * @param cause the underlying failure
     */
    public DeliveryException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
        this.retryAfter = null;
    }

    /**
     * Creates a retryable failure for which the provider said when to come back (HTTP 429 or 503
     * with {@code Retry-After}, say). The dispatcher waits at least that long.
     *
     * @param message what went wrong
     * @param retryAfter how long the provider asked to wait
     * @param cause the underlying failure, or null
     */
    public DeliveryException(String message, Duration retryAfter, @Nullable Throwable cause) {
        super(message, cause == null ? new IllegalStateException(message) : cause);
        this.permanent = false;
        this.retryAfter = retryAfter.isNegative() ? Duration.ZERO : retryAfter;
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
     * @return true when the failure is permanent
     */
    public boolean permanent() {
        return permanent;
    }
}

package io.portalinvite.common;

import java.io.Serial;

/**
 * Root of every exception the library throws on purpose.
 *
 * <p>It is unchecked: hosts catch the specific subclasses they can act on (a
 * {@link ValidationException} to show field errors, say) and let the rest propagate to their
 * ordinary error handling. Messages never contain a raw invitation token, a password or a
 * password hash.
 */
public abstract class PortalInviteException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, safe to log
     */
    protected PortalInviteException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, safe to log
     * @param cause the underlying failure
     */
    protected PortalInviteException(String message, Throwable cause) {
        super(message, cause);
    }
}

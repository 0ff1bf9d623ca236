package io.portalinvite.delivery;

import io.portalinvite.PortalInviteException;
import java.io.Serial;

/** A sender could not hand a message over. */
public class DeliveryException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final boolean permanent;

    /**
     * Creates the exception.
     *
     * @param message what went wrong; must not contain the message body or a token
     * @param permanent true when retrying cannot help (e.g. the address does not exist)
     */
    public DeliveryException(String message, boolean permanent) {
        super(message);
        this.permanent = permanent;
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

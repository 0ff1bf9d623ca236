package io.portalinvite.invitation;

import io.portalinvite.common.PortalInviteException;
import java.io.Serial;
import java.time.Instant;

/**
 * An invitation was resent as often as the practice allows within the hour or the day; the link
 * already sent still works. Limits protect the invitee's inbox and phone from flooding (checklist
 * A12).
 */
public final class ResendLimitExceededException extends PortalInviteException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Instant retryAfter;

    /**
     * Creates the exception.
     *
     * @param limit the limit reached, e.g. "3 per hour"
     * @param retryAfter when a resend will be allowed again
     */
    public ResendLimitExceededException(String limit, Instant retryAfter) {
        super("This invitation was already resent " + limit + "; try again after " + retryAfter);
        this.retryAfter = retryAfter;
    }

    /**
     * Returns when a resend will be allowed again.
     *
     * @return the instant
     */
    public Instant retryAfter() {
        return retryAfter;
    }
}

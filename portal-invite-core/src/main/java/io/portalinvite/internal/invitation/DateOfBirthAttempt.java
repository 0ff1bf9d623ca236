package io.portalinvite.internal.invitation;

import io.portalinvite.invitation.InvitationStore;
import java.util.Objects;

/**
 * What one date-of-birth check against a link did, as {@link InvitationStore#attemptDateOfBirth}
 * decided it in one atomic step: the comparison and the count happen together, so however many
 * submissions arrive at once each is either counted or refused, never answered from a stale read.
 *
 * @param outcome what the check found
 * @param failures the link's wrong dates of birth after this check (0 when the link was unusable)
 */
public record DateOfBirthAttempt(Outcome outcome, int failures) {

    /** Checks the parts. */
    public DateOfBirthAttempt {
        Objects.requireNonNull(outcome, "outcome");
        if (failures < 0) {
            throw new IllegalArgumentException("failures must not be negative");
        }
    }

    /** What a date-of-birth check found. */
    public enum Outcome {
        /** The date matched; nothing was counted and the link stays as it was. */
        MATCHED,
        /** The date did not match; one failure was counted and the link is still usable. */
        MISMATCHED,
        /** The date did not match and this failure reached the limit: the link was revoked. */
        MISMATCHED_AND_REVOKED,
        /**
         * The link could not be checked: unknown, no longer open, expired, or already at the limit
         * (another submission reached it a moment earlier). Nothing was compared or counted.
         */
        UNUSABLE
    }

    /**
     * The answer when the link cannot be checked.
     *
     * @return an {@link Outcome#UNUSABLE} attempt
     */
    public static DateOfBirthAttempt unusable() {
        return new DateOfBirthAttempt(Outcome.UNUSABLE, 0);
    }
}

package io.portalinvite.invitation;

import io.portalinvite.common.ValidationException;
import java.io.Serial;

/**
 * The date of birth entered on the invitation page does not match. After the practice's number of
 * attempts the link is revoked and the invitee must ask for a new one.
 */
public final class DateOfBirthMismatchException extends ValidationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int attemptsRemaining;

    /**
     * Creates the exception.
     *
     * @param attemptsRemaining attempts left before the link is revoked; 0 when it just was
     */
    public DateOfBirthMismatchException(int attemptsRemaining) {
        super(
                "dateOfBirth",
                "date_of_birth.mismatch",
                attemptsRemaining > 0
                        ? "does not match our records"
                        : "does not match our records; for your security this link no longer works, please contact "
                                + "your practice for a new one");
        this.attemptsRemaining = attemptsRemaining;
    }

    /**
     * Returns how many attempts are left.
     *
     * @return attempts before the link is revoked; 0 when it was
     */
    public int attemptsRemaining() {
        return attemptsRemaining;
    }
}

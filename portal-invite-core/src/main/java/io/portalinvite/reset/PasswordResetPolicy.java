package io.portalinvite.reset;

import io.portalinvite.common.ValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Library-wide rules of the "forgot password" flow.
 *
 * @param linkLifetime how long a reset link works; 5 minutes to 24 hours (NIST SP 800-63B-4 gives 24
 *     hours for recovery codes sent by email; a shorter default because the account already exists)
 * @param maxRequestsPerHour reset emails per account within any hour; more requests get the same
 *     answer but send nothing (checklist A12, E1)
 */
public record PasswordResetPolicy(Duration linkLifetime, int maxRequestsPerHour) {

    /** One-hour links, at most three requests per account per hour. */
    public static final PasswordResetPolicy DEFAULT = new PasswordResetPolicy(Duration.ofHours(1), 3);

    /** Checks ranges. */
    public PasswordResetPolicy {
        Objects.requireNonNull(linkLifetime, "linkLifetime");
        if (linkLifetime.compareTo(Duration.ofMinutes(5)) < 0 || linkLifetime.compareTo(Duration.ofHours(24)) > 0) {
            throw new ValidationException(
                    "passwordReset.linkLifetime", "range", "must be between 5 minutes and 24 hours");
        }
        if (maxRequestsPerHour < 1 || maxRequestsPerHour > 20) {
            throw new ValidationException("passwordReset.maxRequestsPerHour", "range", "must be between 1 and 20");
        }
    }
}

package io.portalinvite.authenticator;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a second-factor code at sign-in.
 *
 * @param accepted true when the code was right and had not been used
 * @param retryAfter when refused because too many codes were tried, how long to wait (answer with
 *     HTTP 429); null otherwise
 */
public record SecondFactorCheck(boolean accepted, @Nullable Duration retryAfter) {

    private static final SecondFactorCheck ACCEPTED = new SecondFactorCheck(true, null);
    private static final SecondFactorCheck REFUSED = new SecondFactorCheck(false, null);

    /** Checks that an accepted answer carries no wait. */
    public SecondFactorCheck {
        if (accepted && retryAfter != null) {
            throw new IllegalArgumentException("an accepted code has no retryAfter");
        }
    }

    static SecondFactorCheck acceptedCode() {
        return ACCEPTED;
    }

    static SecondFactorCheck refusedCode() {
        return REFUSED;
    }

    static SecondFactorCheck rateLimited(Duration retryAfter) {
        return new SecondFactorCheck(false, retryAfter);
    }

    /**
     * Tells whether the code was refused because too many were tried.
     *
     * @return true when the caller should wait
     */
    public boolean rateLimited() {
        return retryAfter != null;
    }

    /**
     * Returns how long to wait before the next code.
     *
     * @return the wait, or empty when not rate limited
     */
    public Optional<Duration> waitFor() {
        return Optional.ofNullable(retryAfter);
    }
}

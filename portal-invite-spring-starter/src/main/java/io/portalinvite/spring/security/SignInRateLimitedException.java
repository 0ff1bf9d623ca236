package io.portalinvite.spring.security;

import io.portalinvite.account.LoginService.LoginResult;
import java.io.Serial;
import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused because its client address, or the email tried, has no attempt left for now:
 * answered with HTTP 429 and {@code Retry-After}. It says nothing about the account: the address's
 * budget is taken before any account is looked at, and the email's is kept alike whether or not an
 * account has the email.
 */
public final class SignInRateLimitedException extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;
    private final boolean forEmail;

    /**
     * Creates the exception for a client address past its budget.
     *
     * @param retryAfter how long the client should wait
     */
    public SignInRateLimitedException(Duration retryAfter) {
        this(retryAfter, false);
    }

    /**
     * Creates the exception.
     *
     * @param retryAfter how long the client should wait
     * @param forEmail true when the email's budget is spent (sign-in with it is paused), false when
     *     the client address's is
     */
    public SignInRateLimitedException(Duration retryAfter, boolean forEmail) {
        super(forEmail ? LoginResult.PAUSED_MESSAGE : LoginResult.RATE_LIMITED_MESSAGE);
        this.retryAfter = retryAfter;
        this.forEmail = forEmail;
    }

    /**
     * Tells whether sign-in with the email tried is paused, rather than the client address refused.
     *
     * @return true for the email's budget
     */
    public boolean forEmail() {
        return forEmail;
    }

    /**
     * Returns how long the client should wait.
     *
     * @return the wait
     */
    public Duration retryAfter() {
        return retryAfter;
    }

    /**
     * Returns the wait in whole seconds, rounded up, for {@code Retry-After}.
     *
     * @return at least 1
     */
    public long retryAfterSeconds() {
        long s = retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, s);
    }
}

package io.portalinvite.spring.security;

import io.portalinvite.account.LoginService.LoginResult;
import java.io.Serial;
import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused because its client address has no attempt left for now: answered with HTTP 429
 * and {@code Retry-After}. It says nothing about the account: no account was looked at.
 */
public final class SignInRateLimitedException extends AuthenticationException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Duration retryAfter;

    /**
     * Creates the exception.
     *
     * @param retryAfter how long the client should wait
     */
    public SignInRateLimitedException(Duration retryAfter) {
        super(LoginResult.RATE_LIMITED_MESSAGE);
        this.retryAfter = retryAfter;
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

package io.portalinvite.account;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a login. A failure is always the same value with the same message, whether the
 * email is unknown, the password wrong, or the account throttled, locked or disabled (OWASP
 * authentication: generic failure, checklist E1).
 */
public final class LoginResult {

    /** The one message shown for every failed login. */
    public static final String FAILURE_MESSAGE = "Login failed: the email address or password is incorrect.";

    private static final LoginResult FAILED = new LoginResult(null);

    private final @Nullable PortalPrincipal principal;

    private LoginResult(@Nullable PortalPrincipal principal) {
        this.principal = principal;
    }

    static LoginResult success(PortalPrincipal principal) {
        return new LoginResult(principal);
    }

    static LoginResult failed() {
        return FAILED;
    }

    /**
     * Tells whether the login succeeded.
     *
     * @return true on success
     */
    public boolean succeeded() {
        return principal != null;
    }

    /**
     * Returns who logged in.
     *
     * @return the principal, or empty on failure
     */
    public Optional<PortalPrincipal> principal() {
        return Optional.ofNullable(principal);
    }

    /**
     * Returns the message to show.
     *
     * @return the generic failure message, or an empty string on success
     */
    public String message() {
        return principal == null ? FAILURE_MESSAGE : "";
    }

    @Override
    public String toString() {
        return principal == null ? "LoginResult[failed]" : "LoginResult[" + principal.accountId() + "]";
    }
}

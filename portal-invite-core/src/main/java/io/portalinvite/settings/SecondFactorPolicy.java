package io.portalinvite.settings;

/**
 * Whether a practice's patients sign in with a second factor beside their password: an
 * authenticator app (TOTP) or a recovery code. A passkey sign-in counts as both factors.
 *
 * <p>NIST SP 800-63B-4 allows a password minimum below 15 characters only when the password is one
 * of two factors, so a {@link io.portalinvite.password.PasswordPolicy} with a lower minimum is
 * accepted only with {@link #REQUIRED}.
 */
public enum SecondFactorPolicy {
    /** Password only; accounts cannot enrol a second factor. */
    OFF,
    /** Accounts may enrol a second factor; those that did are asked for it at every sign-in. */
    OPTIONAL,
    /** Every account enrols a second factor at its first sign-in and is asked for it at every sign-in. */
    REQUIRED
}

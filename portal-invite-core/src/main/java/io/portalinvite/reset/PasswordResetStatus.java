package io.portalinvite.reset;

/** Where a password-reset request is in its life. */
public enum PasswordResetStatus {
    /** Issued; the link works until it expires. */
    OPEN,
    /** The link was used to set a new password. */
    USED,
    /** A newer request, or a completed reset, replaced it; the link no longer works. */
    SUPERSEDED,
    /**
     * The stand-in written when the email matched no account, so that both answers cost the same
     * work. It has no account and its link never works.
     */
    DECOY
}

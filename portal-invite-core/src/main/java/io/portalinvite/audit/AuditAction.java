package io.portalinvite.audit;

/** What happened. Names follow checklist G2 so that audit exports read the same everywhere. */
public enum AuditAction {
    /** A practice turned the portal on. */
    PORTAL_ENABLED("portal.enabled"),
    /** A practice turned the portal off. */
    PORTAL_DISABLED("portal.disabled"),
    /** A practice changed its portal settings. */
    SETTINGS_CHANGED("settings.changed"),
    /** Staff invited a patient or carer. */
    INVITATION_CREATED("invitation.created"),
    /** Staff sent a new link for an invitation. */
    INVITATION_RESENT("invitation.resent"),
    /** Staff revoked an invitation, or it was revoked after too many wrong dates of birth. */
    INVITATION_REVOKED("invitation.revoked"),
    /** An invitation's link lifetime passed. */
    INVITATION_EXPIRED("invitation.expired"),
    /** Someone opened the link's preview (it does not consume the link). */
    INVITATION_VIEWED("invitation.viewed"),
    /** The invitee completed registration. */
    INVITATION_ACCEPTED("invitation.accepted"),
    /** A wrong date of birth was entered on the registration page. */
    DATE_OF_BIRTH_FAILED("invitation.dob_failed"),
    /** A message was handed to the mail server or SMS provider. */
    DELIVERY_SENT("delivery.sent"),
    /** A send failed and will be retried. */
    DELIVERY_DEFERRED("delivery.deferred"),
    /** A send failed for good. */
    DELIVERY_FAILED("delivery.failed"),
    /** A password was set at registration. */
    PASSWORD_SET("password.set"),
    /** A login succeeded. */
    LOGIN_SUCCESS("login.success"),
    /** A login failed. */
    LOGIN_FAILURE("login.failure"),
    /** Staff removed an account's access to a patient at a practice. */
    ACCESS_REVOKED("access.revoked"),
    /** An account was locked after too many failed logins. */
    ACCOUNT_LOCKED("account.locked"),
    /** An account was given SELF or PROXY access to a patient at a practice. */
    ACCESS_GRANTED("access.granted"),
    /** A grant's end date was set or cleared by staff. */
    ACCESS_CHANGED("access.changed"),
    /** A grant stopped applying: its end date came, or an age rule ended it. */
    ACCESS_ENDED("access.ended"),
    /** An age rule reduced a parent's access to limited access. */
    ACCESS_REDUCED("access.reduced"),
    /** The holder accepted a practice's privacy notice and terms. */
    CONSENT_ACCEPTED("consent.accepted"),
    /** Audit entries older than the retention period were deleted. */
    AUDIT_PURGED("audit.purged"),

    /** A bulk invitation run finished; details carry the counts, never contact details. */
    BULK_INVITATION_COMPLETED("invitation.bulk_completed"),
    /** A reminder email was queued for an invitation that was not used yet. */
    INVITATION_REMINDED("invitation.reminded"),
    /** A closed invitation's token digest was replaced so that no token can ever match it. */
    INVITATION_TOKEN_PURGED("invitation.token_purged"),
    /**
     * Someone asked for a password-reset email. For an unknown address the entry records only
     * that (no address); the requester's answer is the same either way.
     */
    PASSWORD_RESET_REQUESTED("password.reset_requested"),
    /** A password was reset through a reset link. */
    PASSWORD_RESET("password.reset"),
    /** An account was brought over from another system with its existing password hash and grants. */
    ACCOUNT_IMPORTED("account.imported"),
    /** An account import run finished (one entry per run, with its counts). */
    ACCOUNT_IMPORT_COMPLETED("account.import_completed"),
    /** An imported account's old password hash was replaced by an Argon2id one at its first sign-in. */
    PASSWORD_UPGRADED("password.upgraded"),
    /** An account confirmed an authenticator app (TOTP) with its first valid code. */
    TOTP_ENROLLED("second_factor.totp_enrolled"),
    /** An account's authenticator app was removed. */
    TOTP_REMOVED("second_factor.totp_removed"),
    /** A new set of recovery codes was issued; any earlier set stopped working. */
    RECOVERY_CODES_ISSUED("second_factor.recovery_codes_issued"),
    /** A second factor (authenticator-app or recovery code) was accepted at sign-in. */
    SECOND_FACTOR_SUCCESS("login.second_factor_success"),
    /** A second factor was refused at sign-in (wrong, replayed or too many attempts). */
    SECOND_FACTOR_FAILURE("login.second_factor_failure"),
    /** A passkey was registered to an account. */
    PASSKEY_ADDED("passkey.added"),
    /** A passkey was renamed. */
    PASSKEY_RENAMED("passkey.renamed"),
    /** A passkey was removed from an account. */
    PASSKEY_REMOVED("passkey.removed");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    /**
     * Returns the stable dotted code, e.g. {@code invitation.created}.
     *
     * @return the code
     */
    public String code() {
        return code;
    }
}

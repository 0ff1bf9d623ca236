package io.portalinvite.account;

/** Whether an account can log in. */
public enum AccountStatus {
    /** Created but without a usable password yet; cannot log in. */
    PENDING,
    /** Can log in. */
    ACTIVE,
    /** Locked after too many failed logins; staff or a recovery flow must unlock it. */
    LOCKED,
    /** Switched off by the practice; cannot log in. */
    DISABLED
}

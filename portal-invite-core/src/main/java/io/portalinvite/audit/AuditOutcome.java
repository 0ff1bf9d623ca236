package io.portalinvite.audit;

/** Whether the audited action succeeded. */
public enum AuditOutcome {
    /** It succeeded. */
    SUCCESS,
    /** It failed or was refused. */
    FAILURE
}

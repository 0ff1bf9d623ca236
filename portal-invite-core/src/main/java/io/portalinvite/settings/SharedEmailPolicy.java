package io.portalinvite.settings;

/**
 * Whether one Patient Portal login (one email address) may hold SELF access for several patients —
 * a family sharing an address — or each patient needs their own address.
 *
 * <p>Either way, staff are warned when an invitation goes to an address (or a mobile number) that
 * another patient of the practice already uses, and a carer's PROXY access is never affected: a
 * parent's own login is the normal way to act for their children.
 */
public enum SharedEmailPolicy {
    /** One login may cover several patients who share an address; staff are warned. */
    SHARED_LOGIN_ALLOWED,
    /**
     * One login holds SELF access for one patient only: inviting a second patient at an address
     * that already has (or is invited to) SELF access for someone else is refused.
     */
    SEPARATE_LOGIN_PER_PATIENT
}

package io.portalinvite.common;

/** Whether an account acts for itself or for someone else. */
public enum AccessKind {
    /** The account holder is the patient. */
    SELF,
    /** The account holder acts for the patient (parent, guardian, carer). */
    PROXY
}

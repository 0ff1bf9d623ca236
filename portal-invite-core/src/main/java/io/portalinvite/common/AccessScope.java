package io.portalinvite.common;

/**
 * How much of a patient's portal a grant opens. The host decides what LIMITED shows (typically
 * appointments and billing, not results or messages), following its jurisdiction's rules for
 * adolescents' confidential care.
 */
public enum AccessScope {
    /** Everything the portal offers for the patient. */
    FULL,
    /** A reduced view, e.g. a parent's access to a teenager's record after an age rule applied. */
    LIMITED
}

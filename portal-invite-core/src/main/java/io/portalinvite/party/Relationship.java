package io.portalinvite.party;

/** How a carer is related to the patient they act for. */
public enum Relationship {
    /** A parent of a child patient. */
    PARENT,
    /** A legal guardian. */
    GUARDIAN,
    /** A carer of an adult patient, e.g. of an elderly parent. */
    CARER,
    /** Any other authorised representative. */
    OTHER
}

package io.portalinvite.spring.web;

import io.portalinvite.account.PatientAccess;
import io.portalinvite.common.AccessKind;
import java.util.Objects;

/**
 * One patient the signed-in account may act for, as the starter's home page lists it and hands it to
 * the {@code fragments/home-extra} slot.
 *
 * @param access the grant
 * @param name the patient's name as the practice invited them, or an empty string when no invitation
 *     names them (an imported grant)
 */
public record PortalHomePatient(PatientAccess access, String name) {

    /** Checks the parts. */
    public PortalHomePatient {
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(name, "name");
    }

    /**
     * Tells whether this is the account holder's own record.
     *
     * @return true for SELF access, false when acting for someone else
     */
    public boolean self() {
        return access.kind() == AccessKind.SELF;
    }

    /**
     * Returns the patient's id at the practice, as text, for a host's look-ups in its fragment.
     *
     * @return the patient id
     */
    public String patientId() {
        return access.patientId().value();
    }
}

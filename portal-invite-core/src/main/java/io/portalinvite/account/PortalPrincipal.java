package io.portalinvite.account;

import java.io.Serializable;
import io.portalinvite.party.EmailAddress;
import java.util.List;

/**
 * Who logged in, and the patients they may act for: themselves (SELF) and others (PROXY), at any
 * practice. Serializable, so a host can keep it in a replicated or persisted HTTP session.
 *
 * @param accountId the account
 * @param email the login email
 * @param access the active grants
 */
public record PortalPrincipal(AccountId accountId, EmailAddress email, List<PatientAccess> access) implements Serializable {

    /** Copies the grants. */
    public PortalPrincipal {
        access = List.copyOf(access);
    }
}

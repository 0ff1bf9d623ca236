package io.portalinvite.account;

import io.portalinvite.party.EmailAddress;
import java.util.List;

/**
 * Who logged in, and the patients they may act for: themselves (SELF) and others (PROXY), at any
 * practice.
 *
 * @param accountId the account
 * @param email the login email
 * @param access the active grants
 */
public record PortalPrincipal(AccountId accountId, EmailAddress email, List<PatientAccess> access) {

    /** Copies the grants. */
    public PortalPrincipal {
        access = List.copyOf(access);
    }
}

package io.portalinvite.invitation;

import io.portalinvite.InMemoryPortalStorage;
import io.portalinvite.PortalStorage;

/** Runs {@link InvitationStoreContract} on the in-memory stores. */
class InMemoryInvitationStoreTest extends InvitationStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

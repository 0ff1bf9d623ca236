package io.portalinvite.invitation;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs {@link InvitationStoreContract} on the in-memory stores. */
class InMemoryInvitationStoreTest extends InvitationStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

package io.portalinvite.invitation;

import io.portalinvite.contract.BulkInvitationContract;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** The bulk invitation contract on the in-memory stores. */
class InMemoryBulkInvitationTest extends BulkInvitationContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

package io.portalinvite.invitation;

import io.portalinvite.InMemoryPortalStorage;
import io.portalinvite.PortalStorage;
import io.portalinvite.contract.BulkInvitationContract;

/** The bulk invitation contract on the in-memory stores. */
class InMemoryBulkInvitationTest extends BulkInvitationContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

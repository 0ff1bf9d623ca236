package io.portalinvite.delivery;

import io.portalinvite.InMemoryPortalStorage;
import io.portalinvite.PortalStorage;

/** Runs {@link OutboxStoreContract} on the in-memory stores. */
class InMemoryOutboxStoreTest extends OutboxStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

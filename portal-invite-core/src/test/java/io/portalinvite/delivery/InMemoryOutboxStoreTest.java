package io.portalinvite.delivery;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs {@link OutboxStoreContract} on the in-memory stores. */
class InMemoryOutboxStoreTest extends OutboxStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

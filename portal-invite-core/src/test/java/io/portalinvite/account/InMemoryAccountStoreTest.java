package io.portalinvite.account;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs {@link AccountStoreContract} on the in-memory stores. */
class InMemoryAccountStoreTest extends AccountStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

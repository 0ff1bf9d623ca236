package io.portalinvite.settings;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs {@link SettingsStoreContract} on the in-memory stores. */
class InMemorySettingsStoreTest extends SettingsStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

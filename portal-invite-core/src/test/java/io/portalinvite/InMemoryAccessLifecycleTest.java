package io.portalinvite;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs the lifecycle contract on the in-memory stores. */
class InMemoryAccessLifecycleTest extends AccessLifecycleContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

package io.portalinvite;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs the single-use race on the in-memory stores. */
class InMemoryRegistrationConcurrencyTest extends RegistrationConcurrencyContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

package io.portalinvite;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** Runs the sign-in throttling contract on the in-memory stores. */
class InMemorySignInThrottleTest extends SignInThrottleContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

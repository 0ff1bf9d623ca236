package io.portalinvite.contract;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

class InMemoryAuthenticatorStoreTest extends AuthenticatorStoreContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

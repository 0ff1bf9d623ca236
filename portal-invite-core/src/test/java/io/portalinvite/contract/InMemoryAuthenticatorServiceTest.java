package io.portalinvite.contract;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

class InMemoryAuthenticatorServiceTest extends AuthenticatorServiceContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

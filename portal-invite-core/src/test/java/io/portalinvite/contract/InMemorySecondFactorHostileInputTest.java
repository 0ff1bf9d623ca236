package io.portalinvite.contract;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

class InMemorySecondFactorHostileInputTest extends SecondFactorHostileInputContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

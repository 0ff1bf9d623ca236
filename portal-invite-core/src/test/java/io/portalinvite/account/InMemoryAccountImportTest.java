package io.portalinvite.account;

import io.portalinvite.contract.AccountImportContract;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** The account import contract on the in-memory stores. */
class InMemoryAccountImportTest extends AccountImportContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

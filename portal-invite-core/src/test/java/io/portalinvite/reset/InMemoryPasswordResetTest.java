package io.portalinvite.reset;

import io.portalinvite.contract.PasswordResetContract;
import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** The password-reset contract on the in-memory stores. */
class InMemoryPasswordResetTest extends PasswordResetContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

package io.portalinvite.reset;

import io.portalinvite.InMemoryPortalStorage;
import io.portalinvite.PortalStorage;
import io.portalinvite.contract.PasswordResetContract;

/** The password-reset contract on the in-memory stores. */
class InMemoryPasswordResetTest extends PasswordResetContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}

package io.portalinvite;

import io.portalinvite.storage.InMemoryPortalStorage;
import io.portalinvite.storage.PortalStorage;

/** {@link InviteSettingsContract} on the in-memory stores. */
class InMemoryInviteSettingsTest extends InviteSettingsContract {

    @Override
    protected PortalStorage newStorage() {
        return new InMemoryPortalStorage();
    }
}
